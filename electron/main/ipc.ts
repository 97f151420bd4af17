import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatch } from '../../shared/ipc/dispatch';
import { eventContract, invokeChannelNames, isEventChannel, type EventChannel, type Handlers } from '../../shared/ipc/contract';
import { AppError, fail, type Result } from '../../shared/ipc/result';
import type { Backend } from '../backend';
import { isAppUrl } from './security';

/** The parts of an IpcMainInvokeEvent the sender check reads. */
export type IpcSender = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type SenderCheck = (event: IpcSender) => boolean;

interface WindowContents {
  id: number;
  isDestroyed(): boolean;
  mainFrame: { processId: number; routingId: number };
}

/**
 * Only the top frame of our own window, showing our own page, may call the
 * backend. A subframe, another window or a page that navigated elsewhere is
 * refused even though it shares the preload.
 */
export function createSenderCheck(options: { appOrigin: string; getWebContents: () => WindowContents | null | undefined }): SenderCheck {
  return (event) => {
    try {
      const contents = options.getWebContents();
      if (!contents || contents.isDestroyed()) return false;
      if (event.sender?.id !== contents.id) return false;
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null) return false;
      // Distinct WebFrameMain wrappers of one frame are not ===, but share these ids.
      const main = contents.mainFrame;
      if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
      return isAppUrl(frame.url, options.appOrigin);
    } catch {
      // A frame destroyed mid-check throws on access: treat as untrusted.
      return false;
    }
  };
}

export interface BindIpcOptions {
  isTrustedSender: SenderCheck;
  /** Where unexpected errors go; the renderer only ever sees `internal`. */
  log?: (message: string, detail?: unknown) => void;
}

type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;

/** One ipcMain.handle per contract channel; returns the function that removes them. */
export function bindIpc(ipcMain: IpcRegistrar, backend: Pick<Backend, 'handlers'>, options: BindIpcOptions): () => void {
  const log = options.log ?? ((message: string, detail?: unknown) => console.error(message, detail));
  const handlers = withErrorLogging(backend.handlers, log);
  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!options.isTrustedSender(event)) {
        log(`Refused ${channel} from a frame that is not the app's top frame.`);
        return fail(new AppError('forbidden', 'This request did not come from the Switchboard window.'));
      }
      try {
        return await dispatch(handlers, channel, input, { host: 'electron' });
      } catch (err) {
        // dispatch already answers with a Result; this only guards against a bug in it.
        log(`IPC ${channel} failed unexpectedly`, err);
        return fail(err);
      }
    });
  }
  return () => {
    for (const channel of invokeChannelNames) ipcMain.removeHandler(channel);
  };
}

/** dispatch() turns a thrown non-AppError into a bare `internal`; keep the real error in the main-process log. */
function withErrorLogging(handlers: Handlers, log: (message: string, detail?: unknown) => void): Handlers {
  const wrapped: Record<string, (input: unknown, ctx: never) => unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as Array<[string, (input: unknown, ctx: never) => unknown]>) {
    wrapped[channel] = async (input, ctx) => {
      try {
        return await handler(input, ctx);
      } catch (err) {
        if (!(err instanceof AppError)) log(`Handler for ${channel} threw`, err);
        throw err;
      }
    };
  }
  return wrapped as unknown as Handlers;
}

interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Sends one event to the window's top frame after checking it against the contract, for what main
 * itself tells the renderer (app:navigate, app:command). Returns whether it was sent.
 */
export function sendEvent(
  getWebContents: () => EventTarget | null | undefined,
  event: EventChannel,
  payload: unknown,
  log: (message: string, detail?: unknown) => void = (message, detail) => console.error(message, detail),
): boolean {
  if (!isEventChannel(event)) return false;
  const parsed = eventContract[event].safeParse(payload);
  if (!parsed.success) {
    log(`Dropped ${event}: its payload does not match the contract`, parsed.error);
    return false;
  }
  const contents = getWebContents();
  if (!contents || contents.isDestroyed()) return false;
  contents.send(event, parsed.data);
  return true;
}

/**
 * Sends backend events to the window's top frame on the contract's channel
 * names. A payload that does not match its schema is a backend bug: it is
 * logged and dropped rather than handed to the renderer.
 */
export function forwardEvents(
  backend: Pick<Backend, 'onEvent'>,
  getWebContents: () => EventTarget | null | undefined,
  log: (message: string, detail?: unknown) => void = (message, detail) => console.error(message, detail),
): () => void {
  return backend.onEvent((event: EventChannel, payload: unknown) => {
    sendEvent(getWebContents, event, payload, log);
  });
}
