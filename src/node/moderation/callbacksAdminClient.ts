// Main's client for the callbacks service's admin API (/admin/*, bearer token): the embedded one
// the studio runs, or a merchant's deployment. Errors become AppErrors the console can show.
import { AppError } from '../../shared/errors';
import type { CallbacksHealth, FilterCheck, LevelRules, Standing, WordListSummary } from '../../shared/moderationContract';

export class CallbacksAdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  health(): Promise<CallbacksHealth> {
    return this.json('GET', '/admin/health');
  }

  lists(): Promise<WordListSummary[]> {
    return this.json('GET', '/admin/lists');
  }

  async exportList(id: string): Promise<string> {
    const res = await this.request('GET', `/admin/lists/${encodeURIComponent(id)}`);
    return res.text();
  }

  importList(id: string, action: string, roomId: string | null, text: string): Promise<WordListSummary> {
    const q = new URLSearchParams({ action, ...(roomId ? { room: roomId } : {}) });
    return this.json('PUT', `/admin/lists/${encodeURIComponent(id)}?${q}`, text, 'text/plain; charset=utf-8');
  }

  deleteList(id: string): Promise<{ deleted: boolean }> {
    return this.json('DELETE', `/admin/lists/${encodeURIComponent(id)}`);
  }

  check(text: string, roomId?: string): Promise<FilterCheck> {
    return this.json('POST', '/admin/check', JSON.stringify({ text, ...(roomId ? { roomId } : {}) }), 'application/json');
  }

  rules(): Promise<LevelRules> {
    return this.json('GET', '/admin/rules');
  }

  setRules(rules: unknown): Promise<LevelRules> {
    return this.json('PUT', '/admin/rules', JSON.stringify(rules), 'application/json');
  }

  top(limit: number): Promise<Standing[]> {
    return this.json('GET', `/admin/users?limit=${limit}`);
  }

  async user(account: string): Promise<Standing | null> {
    const res = await this.fetchImpl(`${this.baseUrl}/admin/users/${encodeURIComponent(account)}`, { headers: this.headers() });
    if (res.status === 404) return null;
    if (!res.ok) throw await this.error(res);
    return (await res.json()) as Standing;
  }

  /** A lucky bag's entrants now (canonical) and their SHA-256; null when the service knows no such bag. */
  async entrants(groupId: string, bagId: string): Promise<{ entrants: string[]; entrantsSha256: string } | null> {
    const res = await this.fetchImpl(`${this.baseUrl}/admin/promotions/${encodeURIComponent(groupId)}/entrants?bag=${encodeURIComponent(bagId)}`, {
      headers: this.headers(),
      signal: AbortSignal.timeout(10_000),
    }).catch((e: unknown) => {
      throw new AppError('CALLBACKS_UNAVAILABLE', `The callbacks service did not answer: ${(e as Error).message}`);
    });
    if (res.status === 404) return null;
    if (!res.ok) throw await this.error(res);
    return (await res.json()) as { entrants: string[]; entrantsSha256: string };
  }

  /** The verified orders and claims the service decided or recorded for a room. */
  ledger(groupId: string): Promise<{ orders: unknown[]; claims: unknown[] }> {
    return this.json('GET', `/admin/promotions/${encodeURIComponent(groupId)}/ledger`);
  }

  private headers(contentType?: string): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, ...(contentType ? { 'content-type': contentType } : {}) };
  }

  private async request(method: string, path: string, body?: string, contentType?: string): Promise<Response> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, { method, headers: this.headers(contentType), ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(5000) });
    } catch (e) {
      throw new AppError('CALLBACKS_UNAVAILABLE', `The callbacks service did not answer: ${(e as Error).message}`);
    }
    if (!res.ok) throw await this.error(res);
    return res;
  }

  private async json<T>(method: string, path: string, body?: string, contentType?: string): Promise<T> {
    return (await (await this.request(method, path, body, contentType)).json()) as T;
  }

  private async error(res: Response): Promise<AppError> {
    const text = await res.text().catch(() => '');
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? text;
    } catch {
      /* plain text */
    }
    return res.status === 400
      ? new AppError('BAD_REQUEST', message || 'Rejected by the callbacks service')
      : new AppError('CALLBACKS_UNAVAILABLE', `Callbacks service answered ${res.status}: ${message}`.slice(0, 300));
  }
}
