// Persists the settings as JSON in the data dir. A file that cannot be read or does not pass the
// schema is copied aside and reported (never silently dropped); defaults are used until the user
// saves again.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import {
  defaultSettings,
  describeIssues,
  SETTINGS_VERSION,
  settingsSaveSchema,
  settingsSchema,

  type SettingsProblem,
  type SettingsState,
} from '../../shared/settings';
import { readFileIfExists, writeFileAtomic } from './atomicFile';

export const SETTINGS_FILE = 'settings.json';

export class SettingsStore {
  private state: SettingsState;
  readonly file: string;

  constructor(
    dataDir: string,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.file = path.join(dataDir, SETTINGS_FILE);
    this.state = this.load();
  }

  get(): SettingsState {
    return this.state;
  }

  /** Validates and persists; throws SETTINGS_INVALID with every issue listed. */
  save(next: unknown): SettingsState {
    const parsed = settingsSaveSchema.safeParse(next);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error);
      throw new AppError('SETTINGS_INVALID', `Settings not saved: ${issues.join('; ')}`, { issues });
    }
    writeFileAtomic(this.file, JSON.stringify(parsed.data, null, 2) + '\n');
    this.state = { settings: parsed.data, problems: [] };
    return this.state;
  }

  private load(): SettingsState {
    let text: string | undefined;
    try {
      text = readFileIfExists(this.file);
    } catch (e) {
      return this.fallback('unreadable-file', `Could not read ${this.file}: ${(e as Error).message}`, false);
    }
    if (text === undefined) return { settings: defaultSettings(), problems: [] };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return this.fallback('invalid-file', `Settings file is not valid JSON (${(e as Error).message})`, true);
    }
    if (isObject(json) && typeof json.version === 'number' && json.version > SETTINGS_VERSION) {
      return this.fallback(
        'newer-version',
        `Settings were written by a newer Stageside (version ${json.version}); using defaults`,
        true,
      );
    }
    const parsed = settingsSchema.safeParse(migrate(json));
    if (!parsed.success) {
      return this.fallback('invalid-file', `Settings file is invalid: ${describeIssues(parsed.error).join('; ')}`, true);
    }
    return { settings: parsed.data, problems: [] };
  }

  private fallback(kind: SettingsProblem['kind'], message: string, backup: boolean): SettingsState {
    const problem: SettingsProblem = { kind, message };
    if (backup) {
      const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
      const backupPath = `${this.file}.invalid-${stamp}`;
      try {
        fs.copyFileSync(this.file, backupPath);
        problem.backupPath = backupPath;
        problem.message += `; the file was backed up to ${backupPath}`;
      } catch (e) {
        problem.message += `; backing it up failed: ${(e as Error).message}`;
      }
    }
    return { settings: defaultSettings(), problems: [problem] };
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Upgrades older files field by field: missing keys take their defaults so a settings file from
 * an earlier release keeps the user's values. (Version 1 is the first; this fills gaps only.)
 */
function migrate(json: unknown): unknown {
  if (!isObject(json)) return json;
  const d = defaultSettings();
  const im = isObject(json.im) ? json.im : {};
  const lvb = isObject(json.lvb) ? json.lvb : {};
  const room = isObject(json.room) ? json.room : {};
  const callbacks = isObject(json.callbacks) ? json.callbacks : {};
  const broadcast = isObject(json.broadcast) ? json.broadcast : {};
  const autoPause = isObject(broadcast.autoPause) ? broadcast.autoPause : {};
  return {
    ...d,
    ...json,
    version: json.version ?? SETTINGS_VERSION,
    im: { ...d.im, ...im },
    lvb: { ...d.lvb, ...lvb },
    room: { ...d.room, ...room },
    callbacks: { ...d.callbacks, ...callbacks },
    broadcast: { ...d.broadcast, ...broadcast, autoPause: { ...d.broadcast.autoPause, ...autoPause } },
  };
}
