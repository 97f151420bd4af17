import { describe, expect, it } from 'vitest';
import { IdCodec, looksLikeUnipileId } from './ids';
import { isValidRecipient, userProviderId, ACCOUNT_TYPES } from './providers';
import { HashStream } from './ids';
import { iso } from './serialize';

describe('ids', () => {
  const codec = new IdCodec(42);

  it('encodes 22-character base64url ids that decode back to their index', () => {
    for (const n of [0, 1, 2, 99, 12_345, 599_999, 2_000_000_000]) {
      const id = codec.encode('message', n);
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(codec.decode('message', id)).toBe(n);
    }
  });

  it('gives every index a distinct id and spreads the first characters', () => {
    const ids = new Set<string>();
    const firsts = new Set<string>();
    for (let n = 0; n < 20_000; n++) {
      const id = codec.encode('message', n);
      ids.add(id);
      firsts.add(id.slice(0, 2));
    }
    expect(ids.size).toBe(20_000);
    expect(firsts.size).toBeGreaterThan(1000);
  });

  it('rejects ids of another kind, another seed, tampered or malformed ids', () => {
    const chatId = codec.encode('chat', 5);
    expect(codec.decode('message', chatId)).toBe(-1);
    expect(codec.decode('chat', chatId)).toBe(5);
    expect(new IdCodec(43).decode('chat', chatId)).toBe(-1);
    const tampered = chatId.slice(0, 21) + (chatId[21] === 'A' ? 'Q' : 'A');
    expect(codec.decode('chat', tampered)).toBe(-1);
    expect(codec.decode('chat', 'short')).toBe(-1);
    expect(codec.decode('chat', '!!!!!!!!!!!!!!!!!!!!!!')).toBe(-1);
  });

  it('is deterministic per seed', () => {
    expect(new IdCodec(42).encode('attendee', 7)).toBe(codec.encode('attendee', 7));
    expect(new IdCodec(41).encode('attendee', 7)).not.toBe(codec.encode('attendee', 7));
    expect(looksLikeUnipileId(codec.encode('account', 0))).toBe(true);
    expect(looksLikeUnipileId('33612345678@s.whatsapp.net')).toBe(false);
  });

  it('generates provider ids in each network\u2019s format, which the recipient check accepts', () => {
    const formats: Record<string, RegExp> = {
      WHATSAPP: /^\d{10,14}@s\.whatsapp\.net$/,
      LINKEDIN: /^ACoAA[A-Za-z0-9_-]{34}$/,
      SLACK: /^U0[A-Z0-9]{9}$/,
      TELEGRAM: /^\d{9,11}$/,
      INSTAGRAM: /^1784\d{13}$/,
      MESSENGER: /^100\d{12}$/,
      TWITTER: /^1\d{17,18}$/,
    };
    for (const type of ACCOUNT_TYPES) {
      for (let i = 0; i < 50; i++) {
        const pid = userProviderId(type, new HashStream(i * 7919 + 1));
        expect(pid, type).toMatch(formats[type]!);
        expect(isValidRecipient(type, pid)).toBe(true);
      }
    }
    expect(isValidRecipient('WHATSAPP', 'ACoAAAcDMMQBODyLwZrRcgYhrkCafURGqva0U4E')).toBe(false);
    expect(isValidRecipient('LINKEDIN', '33612345678@s.whatsapp.net')).toBe(false);
  });
});

describe('iso()', () => {
  it('matches Date#toISOString', () => {
    const samples = [0, 86_399_999, 951_782_400_000 /* 2000-02-29 */, 1_709_164_800_000 /* 2024-02-29 */, Date.UTC(2026, 0, 15, 12), Date.UTC(2099, 11, 31, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor((i * 2_654_435_761) % 4_102_444_800_000));
    for (const ms of samples) expect(iso(ms)).toBe(new Date(ms).toISOString());
  });
});
