import type { PinkfishCredentials } from '../vault/vault';
import { errorFor, fromUpstreamBody, PinkfishError } from './errors';
import { parseJson, timedFetch, type FetchFn } from './http';

/**
 * Runtime tokens for the Farm: the OAuth client-credentials grant or the legacy
 * API-key exchange. A token is reused until 60 s before it expires; however
 * many calls wait for a refresh, only one exchange is in flight.
 */

export interface TokenManagerOptions {
  credentials: PinkfishCredentials;
  /** Base URL of the token endpoints (live: https://app-api.app.pinkfish.ai). */
  authBase: string;
  fetch?: FetchFn;
  now?: () => number;
  timeoutMs?: number;
  /** Refresh this long before expiry. */
  refreshMarginMs?: number;
}

interface CachedToken {
  value: string;
  expiresAt: number;
  /** Refresh from here on: 60 s before expiry, or a quarter of the lifetime for short-lived tokens. */
  refreshAt: number;
}

const DEFAULT_TTL_S = 3600;

export class TokenManager {
  private readonly options: Required<Omit<TokenManagerOptions, 'fetch'>> & { fetch: FetchFn };
  private cached: CachedToken | null = null;
  private inflight: Promise<CachedToken> | null = null;
  /** How many exchanges were made (diagnostics and tests). */
  exchanges = 0;

  constructor(options: TokenManagerOptions) {
    this.options = {
      fetch: options.fetch ?? fetch,
      now: options.now ?? Date.now,
      timeoutMs: options.timeoutMs ?? 15_000,
      refreshMarginMs: options.refreshMarginMs ?? 60_000,
      credentials: options.credentials,
      authBase: options.authBase.replace(/\/+$/, ''),
    };
  }

  get orgId(): string {
    return this.options.credentials.orgId;
  }

  /** When the current token expires (epoch ms), or null before the first exchange. Diagnostics only; never the token. */
  get expiresAt(): number | null {
    return this.cached?.expiresAt ?? null;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    const c = this.cached;
    if (c && this.options.now() < c.refreshAt) return c.value;
    return (await this.refresh(signal)).value;
  }

  /** Drop a token the server refused so the next getToken() exchanges again (unless another call already did). */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private refresh(signal?: AbortSignal): Promise<CachedToken> {
    if (!this.inflight) {
      this.inflight = this.exchange(signal).then(
        (t) => {
          this.cached = t;
          this.inflight = null;
          return t;
        },
        (err: unknown) => {
          this.inflight = null;
          throw err;
        },
      );
    }
    return this.inflight;
  }

  private async exchange(signal?: AbortSignal): Promise<CachedToken> {
    this.exchanges++;
    const { credentials, authBase } = this.options;
    const opts = signal ? { timeoutMs: this.options.timeoutMs, signal } : { timeoutMs: this.options.timeoutMs };
    let res: { response: Response; text: string };
    if (credentials.kind === 'oauth') {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: `org:${credentials.orgId}` });
      res = await timedFetch(this.options.fetch, `${authBase}/oauth/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: form.toString() }, opts);
    } else {
      res = await timedFetch(this.options.fetch, `${authBase}/auth/token`, { method: 'POST', headers: { 'X-Api-Key': credentials.apiKey, 'X-Selected-Org': credentials.orgId, 'Content-Type': 'application/json', Accept: 'application/json' } }, opts);
    }
    const body = parseJson(res.text) as Record<string, unknown> | undefined;
    if (!res.response.ok) {
      if (res.response.status === 400 || res.response.status === 401 || res.response.status === 403) {
        const detail = typeof body?.error === 'string' ? ` (${body.error})` : '';
        throw new PinkfishError('auth', `Pinkfish refused the credentials${detail}. Check the client id and secret (or API key) and the organisation id.`, { status: res.response.status });
      }
      throw fromUpstreamBody(body ?? res.text, res.response.status);
    }
    const value = typeof body?.access_token === 'string' ? body.access_token : typeof body?.token === 'string' ? body.token : undefined;
    if (!value) throw errorFor('protocol', { message: 'Pinkfish answered the token request without a token.' });
    const ttl = typeof body?.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : (jwtTtl(value, this.options.now()) ?? DEFAULT_TTL_S);
    const now = this.options.now();
    const margin = Math.min(this.options.refreshMarginMs, (ttl * 1000) / 4);
    return { value, expiresAt: now + ttl * 1000, refreshAt: now + ttl * 1000 - margin };
  }
}

/** The legacy exchange returns no expires_in; a JWT's `exp` claim says it instead. */
function jwtTtl(token: string, now: number): number | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? Math.max(0, claims.exp - Math.floor(now / 1000)) : undefined;
  } catch {
    return undefined;
  }
}
