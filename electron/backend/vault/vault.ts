import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/ipc/result';

/**
 * The OS keychain (keytar: macOS Keychain, Windows Credential Vault, Secret
 * Service on Linux) holds every secret the app has: Pinkfish credentials, the
 * chosen PCIDs and the cache encryption key. Values never appear in errors,
 * logs or events; there is deliberately no plaintext fallback.
 */

export interface KeychainBackend {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export const VAULT_SERVICE = 'Switchboard';

export const pinkfishCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('oauth'), clientId: z.string().min(1), clientSecret: z.string().min(1), orgId: z.string().min(1) }),
  z.object({ kind: z.literal('apiKey'), apiKey: z.string().min(1), orgId: z.string().min(1) }),
]);
export type PinkfishCredentials = z.infer<typeof pinkfishCredentialsSchema>;

export const pcidsSchema = z.object({ genesys: z.string().min(1).optional(), unipile: z.string().min(1).optional() });
export type Pcids = z.infer<typeof pcidsSchema>;

/** The closed set of entries the app keeps; anything else under the service is not ours to read. */
export const VAULT_ENTRIES = ['pinkfish-credentials', 'pcids', 'cache-key'] as const;
export type VaultEntry = (typeof VAULT_ENTRIES)[number];

export const KEYCHAIN_HELP =
  process.platform === 'linux'
    ? 'No OS keychain is available. Install and unlock a Secret Service keyring (GNOME Keyring: `sudo apt-get install gnome-keyring`, or KWallet) and log in again. Switchboard keeps working in the demo workspace meanwhile and never stores credentials in a plain file.'
    : 'The OS keychain could not be reached. Unlock it and try again. Switchboard keeps working in the demo workspace meanwhile.';

export interface VaultOptions {
  keychain?: KeychainBackend;
  service?: string;
  /** A keychain that prompts or hangs must not hang the app. */
  timeoutMs?: number;
}

export class Vault {
  private readonly service: string;
  private readonly timeoutMs: number;
  private keychain: KeychainBackend | undefined;

  constructor(options: VaultOptions = {}) {
    this.service = options.service ?? VAULT_SERVICE;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.keychain = options.keychain;
  }

  /** Whether the keychain works here; never throws. */
  async probe(): Promise<{ available: true } | { available: false; message: string }> {
    try {
      await this.call((k) => k.findCredentials(this.service));
      return { available: true };
    } catch (err) {
      return { available: false, message: err instanceof AppError ? err.message : KEYCHAIN_HELP };
    }
  }

  async get(entry: VaultEntry): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, entry));
  }

  async set(entry: VaultEntry, value: string): Promise<void> {
    if (value.length === 0) throw new AppError('invalid_input', `Refusing to store an empty ${entry}.`);
    await this.call((k) => k.setPassword(this.service, entry, value));
  }

  async delete(entry: VaultEntry): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, entry));
  }

  /** Names of the entries present (never their values). */
  async list(): Promise<VaultEntry[]> {
    const found = await this.call((k) => k.findCredentials(this.service));
    return found.map((c) => c.account).filter((a): a is VaultEntry => (VAULT_ENTRIES as readonly string[]).includes(a));
  }

  async getCredentials(): Promise<PinkfishCredentials | null> {
    return this.getJson('pinkfish-credentials', pinkfishCredentialsSchema);
  }
  async setCredentials(credentials: PinkfishCredentials): Promise<void> {
    await this.set('pinkfish-credentials', JSON.stringify(pinkfishCredentialsSchema.parse(credentials)));
  }
  async getPcids(): Promise<Pcids> {
    return (await this.getJson('pcids', pcidsSchema)) ?? {};
  }
  async setPcids(pcids: Pcids): Promise<void> {
    await this.set('pcids', JSON.stringify(pcidsSchema.parse(pcids)));
  }

  /** The cache encryption key: 256 random bits, created on first use. */
  async getOrCreateCacheKey(): Promise<string> {
    const existing = await this.get('cache-key');
    if (existing && /^[0-9a-f]{64}$/.test(existing)) return existing;
    const key = randomBytes(32).toString('hex');
    await this.set('cache-key', key);
    return key;
  }

  /** Removes every entry of ours (sign out). */
  async clear(): Promise<void> {
    for (const entry of VAULT_ENTRIES) await this.delete(entry);
  }

  private async getJson<T>(entry: VaultEntry, schema: z.ZodType<T>): Promise<T | null> {
    const raw = await this.get(entry);
    if (raw === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // A corrupt entry is reported, not silently replaced: the user may want to re-enter it.
      throw new AppError('invalid_input', `The stored ${entry} entry in the keychain is unreadable; enter it again.`);
    }
    const res = schema.safeParse(parsed);
    if (!res.success) throw new AppError('invalid_input', `The stored ${entry} entry in the keychain is incomplete; enter it again.`);
    return res.data;
  }

  private async load(): Promise<KeychainBackend> {
    if (this.keychain) return this.keychain;
    try {
      const mod = (await import('keytar')) as unknown as KeychainBackend & { default?: KeychainBackend };
      this.keychain = mod.default ?? mod;
      return this.keychain;
    } catch {
      throw new AppError('keychain_unavailable', KEYCHAIN_HELP);
    }
  }

  private async call<T>(fn: (k: KeychainBackend) => Promise<T>): Promise<T> {
    const keychain = await this.load();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AppError('keychain_unavailable', `The OS keychain did not answer within ${Math.round(this.timeoutMs / 1000)} s. ${KEYCHAIN_HELP}`)), this.timeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([fn(keychain), timeout]);
    } catch (err) {
      if (err instanceof AppError) throw err;
      // keytar's messages can echo D-Bus details but never values; still, keep them out of the wire error.
      throw new AppError('keychain_unavailable', KEYCHAIN_HELP, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}
