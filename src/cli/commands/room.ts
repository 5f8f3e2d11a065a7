// `stageside room …`: the room admin actions of the console from a shell, for scripts and
// run-of-show automation. The same admin-command module (RoomAdmin) and IM REST client as the app,
// so the same codec, checks and errors; prints Tencent's response JSON and exits 1 with
// ErrorCode/ErrorInfo on failure.
import { genUserSig } from '../../shared/domain/userSig';
import { AppError } from '../../shared/errors';
import { DEFAULT_GIFT_CATALOG, giftCatalogSchema, launchedProductSchema, ROOM_STATUSES, type RoomStatus } from '../../shared/domain/liveCommerce';
import { restBaseUrl } from '../../shared/tencent/regions';
import { CallbacksAdminClient } from '../../node/moderation/callbacksAdminClient';
import { CachedUserSig, ImRestClient, ImRestError } from '../../node/imRest/imRestClient';
import { preflight } from '../../node/moderation/moderationHandlers';
import { createRoomBody, RoomAdmin } from '../../node/room/roomAdmin';
import { silentLogger } from '../../node/infra/logger';
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { parseFlags, readSecret, requireFlag, UsageError, type CliCommand } from '../io';

const SUBCOMMANDS = ['create', 'info', 'status', 'launch', 'unpin', 'announce', 'gift-launch', 'notify', 'mute', 'destroy'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

const usage = `Usage: stageside room <${SUBCOMMANDS.join('|')}> --group ID [flags]

Connection (the same for every subcommand):
  --mode studio|tencent   studio (default): the local studio at --im-base-url (default http://127.0.0.1:5180);
                          tencent: Tencent's REST domain for the SDKAppID's region, or --im-base-url
  --im-base-url URL       override the REST base URL
  --sdkappid N            SDKAppID (required)
  --admin ID              App admin identifier (default administrator)
  --key K | --key -       SecretKey (or $STAGESIDE_IM_SECRET_KEY) to sign the admin UserSig
  --usersig SIG           use this admin UserSig instead of a key
  --callbacks-url URL     the callbacks service's admin API: announcements, notifications and product
                          titles are checked against the room's word lists first, as in the console
  --callbacks-token T     its admin token (or $STAGESIDE_CALLBACKS_TOKEN)

Subcommands:
  create      --group ID --name NAME [--owner USER]          create an AVChatRoom with the app's custom fields
  info        --group ID                                     get_group_info
  status      --group ID --status ${ROOM_STATUSES.join('|')}
  launch      --group ID --product JSON | (--id ID --title T --price MINOR_UNITS) [--image URL] [--link URL]
  unpin       --group ID                                     clear add_goods
  announce    --group ID --text TEXT                         the group Notification (≤ 300 bytes)
  gift-launch --group ID [--gifts JSON]                      gift_catalog (default catalog without --gifts)
  notify      --group ID --content TEXT                      send_group_system_notification
  mute        --group ID --user USER --minutes N             forbid_send_msg (0 unmutes)
  destroy     --group ID                                     destroy_group (ends the room for everyone)

Prints Tencent's response JSON. Exit 0 on ErrorCode 0, 1 with ErrorCode/ErrorInfo otherwise, 2 on bad flags.`;

const flagsSpec = {
  mode: { type: 'string', default: 'studio' },
  'im-base-url': { type: 'string' },
  sdkappid: { type: 'string' },
  admin: { type: 'string', default: 'administrator' },
  key: { type: 'string' },
  usersig: { type: 'string' },
  group: { type: 'string' },
  name: { type: 'string' },
  owner: { type: 'string' },
  status: { type: 'string' },
  product: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  price: { type: 'string' },
  image: { type: 'string' },
  link: { type: 'string' },
  text: { type: 'string' },
  gifts: { type: 'string' },
  content: { type: 'string' },
  user: { type: 'string' },
  minutes: { type: 'string' },
  'callbacks-url': { type: 'string' },
  'callbacks-token': { type: 'string' },
} as const;

function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${flag} must be JSON`);
  }
}

/** What a subcommand does, validated from its flags before anything is sent. */
type Plan =
  | { kind: 'create'; name: string; owner: string | undefined }
  | { kind: 'info' }
  | { kind: 'admin'; run: (a: RoomAdmin) => Promise<{ response: unknown }> };

function plan(sub: Sub, f: Record<string, string | undefined>): Plan {
  switch (sub) {
    case 'create':
      return { kind: 'create', name: requireFlag(f.name, '--name'), owner: f.owner };
    case 'info':
      return { kind: 'info' };
    case 'status': {
      const status = requireFlag(f.status, '--status');
      if (!(ROOM_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${ROOM_STATUSES.join(', ')}`);
      return { kind: 'admin', run: (a) => a.setStatus(status as RoomStatus) };
    }
    case 'launch': {
      const raw = f.product
        ? parseJsonFlag(f.product, '--product')
        : {
            id: requireFlag(f.id, '--id'),
            title: requireFlag(f.title, '--title'),
            price: Number(requireFlag(f.price, '--price')),
            ...(f.image ? { image: f.image } : {}),
            ...(f.link ? { link: f.link } : {}),
          };
      const p = launchedProductSchema.safeParse(raw);
      if (!p.success) throw new UsageError(`product: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { kind: 'admin', run: (a) => a.launchProduct(p.data) };
    }
    case 'unpin':
      return { kind: 'admin', run: (a) => a.unpinProduct() };
    case 'announce': {
      const text = requireFlag(f.text, '--text');
      return { kind: 'admin', run: (a) => a.announce(text) };
    }
    case 'gift-launch': {
      const g = giftCatalogSchema.min(1).safeParse(f.gifts ? parseJsonFlag(f.gifts, '--gifts') : DEFAULT_GIFT_CATALOG);
      if (!g.success) throw new UsageError(`gifts: ${g.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return { kind: 'admin', run: (a) => a.launchGifts(g.data) };
    }
    case 'notify': {
      const content = requireFlag(f.content, '--content');
      return { kind: 'admin', run: (a) => a.notify(content) };
    }
    case 'destroy':
      return { kind: 'admin', run: (a) => a.destroy() };
    case 'mute': {
      const minutes = Number(requireFlag(f.minutes, '--minutes'));
      if (!Number.isInteger(minutes) || minutes < 0) throw new UsageError('--minutes must be a whole number ≥ 0');
      const user = requireFlag(f.user, '--user');
      return { kind: 'admin', run: (a) => a.mute(user, minutes) };
    }
  }
}

export const roomCommand: CliCommand = {
  summary: 'Room admin actions over the IM REST API (create, status, launch, announce, mute …)',
  usage,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`expected a subcommand: ${SUBCOMMANDS.join(', ')}`);
    const f = parseFlags(rest, flagsSpec);
    if (f.mode !== 'studio' && f.mode !== 'tencent') throw new UsageError('--mode must be studio or tencent');
    const sdkAppId = Number(requireFlag(f.sdkappid, '--sdkappid'));
    if (!Number.isInteger(sdkAppId) || sdkAppId <= 0 || sdkAppId > 4294967295) throw new UsageError('--sdkappid must be a positive integer');
    const group = requireFlag(f.group, '--group');
    const todo = plan(sub as Sub, f);
    const baseUrl =
      f['im-base-url'] ?? (f.mode === 'studio' ? 'http://127.0.0.1:5180' : restBaseUrl({ restDomain: '', region: 'auto', sdkAppId }));
    const adminId = f.admin;
    const fixedSig = f.usersig;
    const key = fixedSig ? undefined : await readSecret(f.key, 'STAGESIDE_IM_SECRET_KEY', '--key', io);
    const sig = new CachedUserSig(async () => {
      if (fixedSig) return { userSig: fixedSig, expiresAt: Number.MAX_SAFE_INTEGER };
      const nowSeconds = Math.floor(io.now() / 1000);
      return { userSig: genUserSig(nodeCrypto, { sdkAppId, secretKey: key!, identifier: adminId, expireSeconds: 3600, nowSeconds }), expiresAt: nowSeconds + 3600 };
    });
    const client = new ImRestClient({ baseUrl, sdkAppId, adminIdentifier: adminId, userSig: sig, log: silentLogger(), retries: 2 });
    const callbacksUrl = f['callbacks-url'];
    const callbacks = callbacksUrl
      ? new CallbacksAdminClient(callbacksUrl.replace(/\/+$/, ''), await readSecret(f['callbacks-token'], 'STAGESIDE_CALLBACKS_TOKEN', '--callbacks-token', io))
      : undefined;
    const admin = new RoomAdmin(
      {
        call: (command, body) => client.call(command, body),
        clock: { now: () => io.now() },
        preflight: (text, what) => preflight(callbacks, text, what),
      },
      group,
    );
    try {
      let r: unknown;
      if (todo.kind === 'create') {
        // create --owner: the owner must be an imported account, so import it first.
        if (todo.owner) await client.call('im_open_login_svc/account_import', { UserID: todo.owner });
        r = await client.call('group_open_http_svc/create_group', createRoomBody({ groupId: group, name: todo.name, ...(todo.owner ? { owner: todo.owner } : {}) }));
      } else if (todo.kind === 'info') {
        r = await client.call('group_open_http_svc/get_group_info', { GroupIdList: [group] });
      } else {
        const done = await todo.run(admin);
        r = done.response;
        const dropped = (done as { dropped?: string[] }).dropped;
        if (dropped?.length) io.stderr(`Sent without ${dropped.join(', ')} to fit the 512-byte add_goods field`);
      }
      io.stdout(JSON.stringify(r));
      // get_group_info answers OK at the top even for a missing group: its entry carries the code.
      const entry = sub === 'info' ? (r as { GroupInfo?: Array<{ ErrorCode: number; ErrorInfo: string }> }).GroupInfo?.[0] : undefined;
      if (entry && entry.ErrorCode !== 0) {
        io.stderr(`ErrorCode ${entry.ErrorCode}: ${entry.ErrorInfo}`);
        return 1;
      }
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        io.stderr(`${e.code}: ${e.message}`);
        return 1;
      }
      if (!(e instanceof ImRestError)) throw e;
      if (e.response) io.stdout(JSON.stringify(e.response));
      io.stderr(`ErrorCode ${e.errorCode}: ${e.errorInfo}`);
      return 1;
    }
  },
};
