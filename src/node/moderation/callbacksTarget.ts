// Which callbacks service the console talks to: the studio's embedded one in Local studio mode,
// the merchant's deployment (settings.callbacks.adminUrl + the callbacks.adminToken secret) in
// Tencent mode. One client per URL and token; the Test connection line for it.
import { AppError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { SecretStore } from '../../shared/secrets';
import { detail as connectionDetail } from '../room/connectionChecks';
import type { CheckOutcome } from '../room/connectionChecks';
import type { StudioSupervisor } from '../studio/studioSupervisor';
import { CallbacksAdminClient } from './callbacksAdminClient';

export interface CallbacksTargetDeps {
  settings: () => Settings;
  secrets: SecretStore;
  studio: StudioSupervisor | undefined;
}

export class CallbacksTarget {
  private cached: { key: string; client: CallbacksAdminClient } | undefined;

  constructor(private readonly d: CallbacksTargetDeps) {}

  /** The admin client for the current mode; CALLBACKS_UNAVAILABLE says what is missing. */
  async client(): Promise<CallbacksAdminClient> {
    const s = this.d.settings();
    let url: string | undefined;
    let token: string | undefined;
    if (s.mode === 'studio') {
      url = this.d.studio?.get().info?.callbacksUrl ?? undefined;
      token = this.d.studio?.credentials()?.callbacksAdminToken ?? undefined;
      if (!url || !token) throw new AppError('CALLBACKS_UNAVAILABLE', 'The local studio is not running, so word lists and levels are unavailable');
    } else {
      url = s.callbacks.adminUrl.replace(/\/+$/, '') || undefined;
      token = await this.d.secrets.get('callbacks.adminToken');
      if (!url || !token) {
        throw new AppError('CALLBACKS_UNAVAILABLE', 'No callbacks service: set its admin URL and admin token in Settings (docs/callbacks.md)');
      }
    }
    const key = `${url}|${token}`;
    if (this.cached?.key !== key) this.cached = { key, client: new CallbacksAdminClient(url, token) };
    return this.cached.client;
  }

  /** The client, or undefined when none is configured (pre-flight then leaves it to the room's callback). */
  optional(): Promise<CallbacksAdminClient | undefined> {
    return this.client().catch(() => undefined);
  }

  /** Test connection's "callbacks" line. */
  async probe(): Promise<CheckOutcome> {
    const s = this.d.settings();
    if (s.mode === 'tencent' && !s.callbacks.adminUrl) {
      return { skip: 'no callbacks service configured: word filtering and levels are off (docs/callbacks.md)', message: connectionDetail('callbacks.none') };
    }
    const lists = await (await this.client()).lists();
    const where = s.mode === 'studio' ? 'embedded in the local studio' : new URL(s.callbacks.adminUrl).host;
    const message =
      s.mode === 'studio' ? connectionDetail('callbacks.embedded', { lists: lists.length }) : connectionDetail('callbacks.remote', { host: where, lists: lists.length });
    return { ok: `${where}: admin API answered, ${lists.length} word list(s)`, message };
  }
}
