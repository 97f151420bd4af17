import { z } from 'zod';
import type { Result } from './result';

/**
 * The one table of channels between the renderer and the backend.
 *
 * Everything else is derived from it: the preload allowlist (`invokeChannelNames`,
 * `eventChannelNames`), the renderer's `Api` type and the backend's exhaustive
 * `Handlers` type. Adding a channel here without a handler is a compile error.
 * Channels are `domain:verb`; events are past tense.
 */

export const appMode = z.enum(['demo', 'live']);
export type AppMode = z.infer<typeof appMode>;

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: appMode,
  platform: z.string(),
  /** Which host carries the contract: the Electron window or the browser tab of the web host. */
  host: z.enum(['electron', 'web']),
  /** Whether the OS keychain works; when it does not, `message` says what is missing and how to fix it. */
  keychain: z.object({ available: z.boolean(), message: z.string().optional() }),
});
export type AppInfo = z.infer<typeof appInfo>;

const none = z.undefined();

export const invokeContract = {
  'app:info': { input: none, output: appInfo },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'app:ready': z.object({ mode: appMode }),
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof invokeContract;
export type EventChannel = keyof typeof eventContract;
export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

export const invokeChannelNames = Object.freeze(Object.keys(invokeContract)) as readonly InvokeChannel[];
export const eventChannelNames = Object.freeze(Object.keys(eventContract)) as readonly EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, name);
}
export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(eventContract, name);
}

/** Who is calling: lets handlers know the host without trusting the payload. */
export interface CallContext {
  host: 'electron' | 'web';
}

/** The backend must implement every channel: a missing key fails to compile. */
export type Handlers = {
  [C in InvokeChannel]: (input: InvokeOutputOfInput<C>, ctx: CallContext) => Promise<InvokeOutput<C>> | InvokeOutput<C>;
};
/** Handlers receive the input after zod parsing (defaults applied). */
type InvokeOutputOfInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>;

/** What the renderer sees as `window.api`, whichever host carries it. */
export interface Api {
  invoke<C extends InvokeChannel>(channel: C, ...input: InvokeArgs<C>): Promise<Result<InvokeOutput<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}
export type InvokeArgs<C extends InvokeChannel> = undefined extends InvokeInput<C> ? [input?: InvokeInput<C>] : [input: InvokeInput<C>];

/** Emitted by the backend; each host forwards these to its renderer(s). */
export type EmitFn = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void;
