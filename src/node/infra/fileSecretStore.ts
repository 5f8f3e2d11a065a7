// SecretStore for plain Node (web mode, CLI): a JSON file readable only by the owner (0600) in
// the data dir. The Electron app uses safeStorage instead (src/main/safeStorageSecretStore.ts).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { SECRET_NAMES, type SecretName, type SecretStore } from '../../shared/secrets';
import { readFileIfExists, writeFileAtomic } from './atomicFile';

const fileSchema = z.record(z.string(), z.string());

export class FileSecretStore implements SecretStore {
  readonly protection = 'file readable only by this user (0600)';
  readonly file: string;

  constructor(dataDir: string, fileName = 'secrets.json') {
    this.file = path.join(dataDir, fileName);
  }

  async get(name: SecretName): Promise<string | undefined> {
    return this.read()[name];
  }

  async set(name: SecretName, value: string): Promise<void> {
    const all = this.read();
    all[name] = value;
    this.write(all);
  }

  async delete(name: SecretName): Promise<void> {
    const all = this.read();
    delete all[name];
    this.write(all);
  }

  private read(): Record<string, string> {
    const text = readFileIfExists(this.file);
    if (text === undefined) return {};
    try {
      const parsed = fileSchema.parse(JSON.parse(text));
      return Object.fromEntries(Object.entries(parsed).filter(([k]) => (SECRET_NAMES as readonly string[]).includes(k)));
    } catch {
      throw new AppError('SECRET_STORE_UNAVAILABLE', `Secrets file ${this.file} is corrupt; fix or delete it`);
    }
  }

  private write(all: Record<string, string>): void {
    writeFileAtomic(this.file, JSON.stringify(all) + '\n', 0o600);
    if (process.platform !== 'win32') fs.chmodSync(this.file, 0o600);
  }
}
