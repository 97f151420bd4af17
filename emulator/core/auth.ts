import { randomBytes } from 'node:crypto';
import type { Clock } from './types';

/** The fixed demo credentials, printed at start and used by demo mode. */
export const DEMO_CREDENTIALS = Object.freeze({
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  orgId: 'demo-org',
  apiKey: 'demo-api-key',
});
export type Credentials = typeof DEMO_CREDENTIALS;

/** The Pinkfish user who owns the demo credentials; rate limits are counted per user. */
export const DEMO_USER = 'demo-user';

export interface TokenInfo {
  user: string;
  org: string;
  issuedAt: number;
  expiresAt: number;
  via: 'oauth' | 'api-key';
}

export type TokenCheck = { ok: true; info: TokenInfo } | { ok: false; reason: 'missing' | 'unknown' | 'expired' };

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Issues JWT-looking opaque tokens. The claims mirror the self-host JWT
 * (`providerId`, `selectedOrg`) so a client that peeks at them sees familiar
 * names, but the emulator only trusts its own table, never the claims.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenInfo>();
  issued = 0;

  constructor(
    private readonly clock: Clock,
    private ttlSeconds: number,
  ) {}

  setTtl(seconds: number): void {
    this.ttlSeconds = seconds;
  }

  get ttl(): number {
    return this.ttlSeconds;
  }

  issue(user: string, org: string, via: TokenInfo['via']): { token: string; info: TokenInfo } {
    const now = this.clock.now();
    const info: TokenInfo = { user, org, issuedAt: now, expiresAt: now + this.ttlSeconds * 1000, via };
    const header = b64url({ alg: 'RS256', typ: 'JWT', kid: 'emulator' });
    const payload = b64url({
      sub: user,
      providerId: user,
      selectedOrg: org,
      iat: Math.floor(now / 1000),
      exp: Math.floor(info.expiresAt / 1000),
      jti: randomBytes(8).toString('hex'),
    });
    const token = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
    this.tokens.set(token, info);
    this.issued++;
    this.purge(now);
    return { token, info };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const info = this.tokens.get(token);
    if (!info) return { ok: false, reason: 'unknown' };
    if (this.clock.now() >= info.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, info };
  }

  /** Make every token issued so far expire now (tests of the client's refresh path). */
  expireAll(): number {
    const now = this.clock.now();
    for (const info of this.tokens.values()) info.expiresAt = Math.min(info.expiresAt, now);
    return this.tokens.size;
  }

  // Keeps the table from growing without bound in long demo sessions; expired
  // tokens are kept for a day so they still answer "expired" rather than "unknown".
  private purge(now: number): void {
    if (this.tokens.size < 1024) return;
    for (const [token, info] of this.tokens) if (info.expiresAt + 86_400_000 < now) this.tokens.delete(token);
  }
}

/** `Bearer x` from a header value (case-insensitive scheme), or undefined. */
export function bearer(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : undefined;
}
