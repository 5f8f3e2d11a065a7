// Says why an HTTP request never got an answer, from undici's `cause` (fetch's own message is
// only "fetch failed"): the host and a cause a user can act on (DNS, refused, TLS, timeout).
const CAUSES: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_HEADERS_TIMEOUT: 'no answer (timed out)',
  UND_ERR_BODY_TIMEOUT: 'the answer stalled (timed out)',
};

/** e.g. "Could not reach console.tim.qq.com: DNS lookup failed (ENOTFOUND)". */
export function describeFetchError(e: unknown, url: string, timeoutMs?: number): string {
  const host = hostOf(url);
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `No answer from ${host}${timeoutMs ? ` within ${timeoutMs} ms` : ''}`;
  }
  const code = err?.cause?.code;
  if (code && CAUSES[code]) return `Could not reach ${host}: ${CAUSES[code]} (${code})`;
  if (code && /CERT|SSL|TLS/i.test(code)) return `Could not reach ${host}: TLS certificate problem (${code}); check the clock, a proxy or the host name`;
  const detail = err?.cause?.message || err?.message || String(e);
  return `Could not reach ${host}: ${detail}${code ? ` (${code})` : ''}`;
}

/** Host (and port) of a URL, never its path or query. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
