// Removes secrets from anything about to be logged: known secret values, signed-URL parameters
// (txSecret, usersig, token), UserSig-shaped strings and secret-named object keys. Used by the
// one logger so no log line carries a key, a UserSig or a txSecret.

export const REDACTED = '[REDACTED]';

const SECRET_KEY_NAMES = /^(secret|secretkey|secret_key|key|pushkey|playkey|usersig|txsecret|token|password|authorization|sign)$/i;

const PATTERNS: Array<[RegExp, string]> = [
  // Query parameters of signed URLs and tokenised web-mode URLs.
  [/\b(txSecret|usersig|token|Sign)=([^&\s"'<>]+)/gi, `$1=${REDACTED}`],
  // JSON-ish "key": "value" pairs inside free text.
  [/("(?:secretKey|SecretKey|userSig|UserSig|usersig|pushKey|playKey|token|txSecret)"\s*:\s*")([^"]*)(")/g, `$1${REDACTED}$3`],
  // UserSigs are base64 of zlib data: they start with "eJ" (0x78 0x9c / 0x78 0x01) and are long.
  [/\beJ[0-9A-Za-z*_-]{40,}/g, REDACTED],
];

export function redactText(text: string, literals: Iterable<string> = []): string {
  let out = text;
  for (const secret of literals) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Deep copy of a log object with secret-named keys and secret-looking strings redacted. */
export function redactValue(value: unknown, literals: readonly string[] = [], depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, literals);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[Truncated]';
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redactText(value.message, literals),
      ...(value.stack ? { stack: redactText(value.stack, literals) } : {}),
      ...('code' in value ? { code: (value as { code: unknown }).code } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, literals, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY_NAMES.test(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactValue(v, literals, depth + 1);
  }
  return out;
}
