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
import fs from 'node:fs';
import { couponRequestSchema, flashSaleRequestSchema, luckyBagRequestSchema, pinRequestSchema, type LuckyBagRequest } from '../../shared/domain/promotions';
import { runLuckyBag } from '../../node/room/luckyBagRun';

const SUBCOMMANDS = [
  'create',
  'info',
  'status',
  'launch',
  'unpin',
  'announce',
  'gift-launch',
  'notify',
  'mute',
  'destroy',
  'flash-sale',
  'coupon',
  'lucky-bag',
  'pin',
  'unpin-comment',
] as const;
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
  launch      --group ID --product JSON | (--id ID --title T --price MINOR_UNITS) [--image URL] [--link URL] [--stock N]
              (a product at --stock 0 is sold out and is refused: launch it with a new stock to restock)
  unpin       --group ID                                     clear add_goods
  announce    --group ID --text TEXT                         the group Notification (≤ 300 bytes)
  gift-launch --group ID [--gifts JSON]                      gift_catalog (default catalog without --gifts)
  notify      --group ID --content TEXT                      send_group_system_notification
  mute        --group ID --user USER --minutes N             forbid_send_msg (0 unmutes)
  destroy     --group ID                                     destroy_group (ends the room for everyone)

Promotions (docs/console.md "Promotions"; the wire: docs/promotions-wire.md):
  flash-sale  --group ID --id PRODUCT --title T --price SALE_PRICE [--list-price P] [--currency CNY]
              --countdown 10-300 (s) --duration 1-20 (min) --quantity N --per-buyer N
              flash-sale --group ID --stop SALE_ID [--sold N]      stop one early
  coupon      --group ID --amount-off MINOR_UNITS [--threshold MINOR_UNITS] --quantity N --valid-minutes N [--title T]
              coupon --group ID --stop COUPON_ID [--claimed N]     end a drop early
  lucky-bag   --group ID --prize T --winners N --countdown 10-1800 (s) and one or more of
              --keyword K, --follow, --watched-minutes N; needs --callbacks-url (the entrants);
              publishes SHA-256(seed), waits for the draw, reveals the seed and the winners, prints
              {bag, seed, draw} as JSON; [--entrants-out FILE] writes the entrants, one per line,
              for \`stageside verify-draw\`
  pin         --group ID --user USER [--nick N] --text TEXT        pin a comment above everyone's chat
  unpin-comment --group ID

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
  stock: { type: 'string' },
  'list-price': { type: 'string' },
  currency: { type: 'string' },
  countdown: { type: 'string' },
  duration: { type: 'string' },
  quantity: { type: 'string' },
  'per-buyer': { type: 'string' },
  stop: { type: 'string' },
  sold: { type: 'string' },
  claimed: { type: 'string' },
  'amount-off': { type: 'string' },
  threshold: { type: 'string' },
  'valid-minutes': { type: 'string' },
  prize: { type: 'string' },
  winners: { type: 'string' },
  keyword: { type: 'string' },
  follow: { type: 'boolean' },
  'watched-minutes': { type: 'string' },
  'entrants-out': { type: 'string' },
  nick: { type: 'string' },
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
  | { kind: 'luckyBag'; request: LuckyBagRequest; entrantsOut: string | undefined }
  | { kind: 'admin'; run: (a: RoomAdmin) => Promise<{ response: unknown }> };

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
/** zod's issues as one usage line. */
function checked<T>(r: { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }, what: string): T {
  if (r.success) return r.data;
  throw new UsageError(`${what}: ${r.error.issues.map((i) => `${i.path.map(String).join('.') || 'flags'}: ${i.message}`).join('; ')}`);
}

function plan(sub: Sub, f: Record<string, string | boolean | undefined>): Plan {
  const s = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : undefined);
  switch (sub) {
    case 'flash-sale': {
      const stop = s('stop');
      if (stop) return { kind: 'admin', run: (a) => a.stopFlashSale(stop, num(s('sold')) ?? 0) };
      const r = checked(
        flashSaleRequestSchema.safeParse({
          productId: requireFlag(s('id'), '--id'),
          title: requireFlag(s('title'), '--title'),
          price: num(requireFlag(s('price'), '--price')),
          ...(s('list-price') ? { listPrice: num(s('list-price')) } : {}),
          ...(s('currency') ? { currency: s('currency') } : {}),
          countdownSeconds: num(requireFlag(s('countdown'), '--countdown')),
          durationMinutes: num(requireFlag(s('duration'), '--duration')),
          total: num(requireFlag(s('quantity'), '--quantity')),
          perBuyer: num(requireFlag(s('per-buyer'), '--per-buyer')),
        }),
        'flash sale',
      );
      return { kind: 'admin', run: (a) => a.startFlashSale(r) };
    }
    case 'coupon': {
      const stop = s('stop');
      if (stop) return { kind: 'admin', run: (a) => a.endCoupon(stop, num(s('claimed')) ?? 0) };
      const r = checked(
        couponRequestSchema.safeParse({
          ...(s('title') ? { title: s('title') } : {}),
          amountOff: num(requireFlag(s('amount-off'), '--amount-off')),
          ...(s('threshold') ? { threshold: num(s('threshold')) } : {}),
          ...(s('currency') ? { currency: s('currency') } : {}),
          total: num(requireFlag(s('quantity'), '--quantity')),
          validMinutes: num(requireFlag(s('valid-minutes'), '--valid-minutes')),
        }),
        'coupon',
      );
      return { kind: 'admin', run: (a) => a.dropCoupon(r) };
    }
    case 'lucky-bag': {
      const request = checked(
        luckyBagRequestSchema.safeParse({
          prize: requireFlag(s('prize'), '--prize'),
          winners: num(requireFlag(s('winners'), '--winners')),
          countdownSeconds: num(requireFlag(s('countdown'), '--countdown')),
          ...(s('keyword') ? { keyword: s('keyword') } : {}),
          ...(f.follow === true ? { followHost: true } : {}),
          ...(s('watched-minutes') ? { watchedMinutes: num(s('watched-minutes')) } : {}),
        }),
        'lucky bag',
      );
      return { kind: 'luckyBag', request, entrantsOut: s('entrants-out') };
    }
    case 'pin': {
      const r = checked(pinRequestSchema.safeParse({ userId: requireFlag(s('user'), '--user'), nick: s('nick') ?? '', text: requireFlag(s('text'), '--text') }), 'pin');
      return { kind: 'admin', run: (a) => a.pinComment(r) };
    }
    case 'unpin-comment':
      return { kind: 'admin', run: (a) => a.unpinComment() };
    default:
      return basicPlan(sub, f as Record<string, string | undefined>);
  }
}

function basicPlan(sub: Sub, f: Record<string, string | undefined>): Plan {
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
            ...(f.stock !== undefined ? { stock: Number(f.stock) } : {}),
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
    default:
      throw new UsageError(`unknown subcommand ${sub}`);
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
      } else if (todo.kind === 'luckyBag') {
        if (!callbacks) throw new UsageError('lucky-bag needs --callbacks-url (and its token): the callbacks service collects the entrants');
        const out = await runLuckyBag(
          {
            admin,
            callbacks,
            now: () => io.now(),
            sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
            onStarted: (bag) => io.stderr(`Lucky bag ${bag.id} in the room; commitment ${bag.commit}; draw at ${new Date(bag.drawAt).toISOString()}`),
          },
          todo.request,
        );
        if (todo.entrantsOut) fs.writeFileSync(todo.entrantsOut, out.entrants.map((e) => `${e}\n`).join(''));
        r = { bag: out.bag, seed: out.seed, draw: out.draw };
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
