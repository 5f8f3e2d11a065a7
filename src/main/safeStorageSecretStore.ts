// SecretStore backed by Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet): values are
// encrypted by the OS before they touch disk. Falls back loudly where no keyring exists.
import type { SafeStorage } from 'electron';
import { AppError } from '../shared/errors';
import type { SecretName, SecretStore } from '../shared/secrets';
import { FileSecretStore } from '../node/infra/fileSecretStore';

export class SafeStorageSecretStore implements SecretStore {
  private readonly file: FileSecretStore;
  readonly protection: string;

  constructor(
    private readonly safe: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
      getSelectedStorageBackend?: () => string;
    },
    dataDir: string,
  ) {
    // Ciphertexts (base64) live in their own 0600 file, apart from the Node store's plaintext.
    this.file = new FileSecretStore(dataDir, 'secrets.safe.json');
    const backend = safe.getSelectedStorageBackend?.();
    this.protection =
      backend === 'basic_text'
        ? 'safeStorage without an OS keyring (weak: install a keyring such as gnome-keyring)'
        : 'OS keychain (Electron safeStorage)';
  }

  async get(name: SecretName): Promise<string | undefined> {
    const stored = await this.file.get(name);
    if (stored === undefined) return undefined;
    this.ensureAvailable();
    return this.safe.decryptString(Buffer.from(stored, 'base64'));
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.ensureAvailable();
    await this.file.set(name, this.safe.encryptString(value).toString('base64'));
  }

  async delete(name: SecretName): Promise<void> {
    await this.file.delete(name);
  }

  private ensureAvailable(): void {
    if (!this.safe.isEncryptionAvailable()) {
      throw new AppError('SECRET_STORE_UNAVAILABLE', 'The OS secret storage is not available yet; try again after login');
    }
  }
}
