// `stageside usersig`: issues or checks a Tencent IM UserSig with the same code the app and the
// studio's IM emulator use (TLS sig v2, as tls-sig-api-v2 issues it), e.g. to debug a 70001/70009 login failure.
import { nodeCrypto } from '../../node/infra/nodeCrypto';
import { DEFAULT_USERSIG_EXPIRE_SECONDS, genUserSig, verifyUserSig } from '../../shared/domain/userSig';
import { parseFlags, readSecret, requireFlag, UsageError, type CliCommand } from '../io';

const SECRET_ENV = 'STAGESIDE_IM_SECRET_KEY';
const MAX_SDKAPPID = 4294967295;

const usage = `Usage: stageside usersig --sdkappid N --user USERID [--key KEY] [--expire SECONDS]
       stageside usersig --verify SIG --sdkappid N --user USERID [--key KEY]

Generate (default): prints a UserSig on stdout.
Verify: prints "valid" on stdout (then "expires <ISO time>") and exits 0, or prints
"<code> <reason>" on stderr (e.g. "70001 UserSig expired") and exits 1.

Flags:
  --sdkappid N       SDKAppID, a positive integer up to 4294967295
  --user USERID      UserID (identifier): up to 32 bytes of printable ASCII
  --key KEY          IM SecretKey; "-" reads it from stdin; default: $${SECRET_ENV}
  --expire SECONDS   validity in seconds when generating (default: ${DEFAULT_USERSIG_EXPIRE_SECONDS} = 180 days)
  --verify SIG       check SIG instead of generating; "-" reads it from stdin
  -h, --help         show this help

Exit codes: 0 ok/valid, 1 invalid UserSig, 2 bad or missing flags.
Codes: 70001 expired, 70002 empty, 70003 malformed, 70009 wrong SecretKey,
70013 UserID mismatch, 70014 SDKAppID mismatch.`;

function parseSdkAppId(text: string | undefined): number {
  const raw = requireFlag(text, '--sdkappid');
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_SDKAPPID) {
    throw new UsageError(`--sdkappid must be a positive integer up to ${MAX_SDKAPPID} (got "${raw}")`);
  }
  return n;
}

function parseExpire(text: string | undefined): number {
  if (text === undefined) return DEFAULT_USERSIG_EXPIRE_SECONDS;
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--expire must be a positive number of seconds (got "${text}")`);
  return n;
}

export const usersigCommand: CliCommand = {
  summary: 'Generate or verify a Tencent IM UserSig',
  usage,
  async run(argv, io) {
    const flags = parseFlags(argv, {
      sdkappid: { type: 'string' },
      user: { type: 'string' },
      key: { type: 'string' },
      expire: { type: 'string' },
      verify: { type: 'string' },
    });
    const sdkAppId = parseSdkAppId(flags.sdkappid);
    const identifier = requireFlag(flags.user, '--user');
    const nowSeconds = Math.floor(io.now() / 1000);

    if (flags.verify !== undefined) {
      if (flags.expire !== undefined) throw new UsageError('--expire applies only when generating, not with --verify');
      if (flags.verify === '-' && flags.key === '-') {
        throw new UsageError(`Only one of --verify and --key can read stdin; set ${SECRET_ENV} for the key`);
      }
      const userSig = flags.verify === '-' ? (await io.readStdin()).trim() : flags.verify.trim();
      const secretKey = await readSecret(flags.key, SECRET_ENV, '--key', io);
      const result = verifyUserSig(nodeCrypto, { userSig, sdkAppId, secretKey, identifier, nowSeconds });
      if (!result.ok) {
        io.stderr(`${result.code} ${result.reason}`);
        return 1;
      }
      io.stdout('valid');
      io.stdout(`expires ${new Date(result.expiresAt * 1000).toISOString()} (${result.expiresAt})`);
      return 0;
    }

    const expireSeconds = parseExpire(flags.expire);
    const secretKey = await readSecret(flags.key, SECRET_ENV, '--key', io);
    try {
      io.stdout(genUserSig(nodeCrypto, { sdkAppId, secretKey, identifier, expireSeconds, nowSeconds }));
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    return 0;
  },
};
