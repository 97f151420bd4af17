import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../../shared/ipc/result';
import { startClientAgainstEmulator, type ClientAgainstEmulator, type ClientAgainstEmulatorOptions } from '../../testing/emulatorClient';
import type { MessageContext } from './mappers';
import { createGenesysPaging, type GenesysPaging } from './paging';
import { createGenesysProvider, type GenesysProvider } from './tools';

/**
 * Test-only: the real client stack against a fresh emulator (scale 'tiny'), the
 * provider over it, and the emulator's directory read through its control API
 * (the real chats API cannot list people or rooms).
 */

export interface EmulatorPerson {
  id: string;
  name: string;
  jid: string;
}

export interface EmulatorRoom {
  jid: string;
  subject: string;
  participants: number;
  isMember: boolean;
  isOwner: boolean;
  messages: number;
}

export interface GenesysHarness {
  h: ClientAgainstEmulator;
  g: GenesysProvider;
  paging: GenesysPaging;
  me: EmulatorPerson;
  /** Everyone but me, in the emulator's order (people[0] is person 1). */
  others: EmulatorPerson[];
  rooms(): EmulatorRoom[];
  /** Mapping context for the signed-in user with a JID directory. */
  ctx(extra?: Partial<MessageContext>): MessageContext;
  act<T = unknown>(action: string, params?: Record<string, unknown>): T;
  stop(): Promise<void>;
}

export async function startGenesysHarness(options: ClientAgainstEmulatorOptions = {}): Promise<GenesysHarness> {
  const h = await startClientAgainstEmulator({ scale: 'tiny', ...options });
  const act = <T,>(action: string, params: Record<string, unknown> = {}) => h.emulator.control.act('genesys', action, params) as T;
  const me = act<{ userId: string; jid: string; name: string }>('me');
  const people = act<EmulatorPerson[]>('people');
  const byJid = new Map(people.map((p) => [p.jid.toLowerCase(), p.id]));
  const g = createGenesysProvider(h.genesys);
  return {
    h,
    g,
    paging: createGenesysPaging(g),
    me: { id: me.userId, jid: me.jid, name: me.name },
    others: people.filter((p) => p.id !== me.userId),
    rooms: () => act<EmulatorRoom[]>('rooms'),
    ctx: (extra = {}) => ({ meUserId: me.userId, meJid: me.jid, userIdForJid: (jid) => byJid.get(jid), ...extra }),
    act,
    stop: () => h.stop(),
  };
}

/** Awaits a rejection and checks it is the typed AppError the UI would show. */
export async function expectAppError(promise: Promise<unknown>, code: ErrorCode, expected: { field?: string; message?: RegExp | string } = {}): Promise<AppError> {
  const outcome = await promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a ${code} error, got success: ${JSON.stringify(outcome.value)}`);
  const err = outcome.error;
  expect(err).toBeInstanceOf(AppError);
  const app = err as AppError;
  expect({ code: app.code, message: app.message }).toMatchObject({ code });
  if (expected.field !== undefined) expect(app.field).toBe(expected.field);
  if (expected.message !== undefined) {
    if (typeof expected.message === 'string') expect(app.message).toBe(expected.message);
    else expect(app.message).toMatch(expected.message);
  }
  return app;
}
