import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventChannel, isInvokeChannel, type Api } from '../../shared/ipc/contract';
import { AppError, fail } from '../../shared/ipc/result';

// The whole bridge. The renderer gets two functions, never ipcRenderer or an IPC event object
// (the event's `sender` would hand it ipcRenderer back).

type Ipc = Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createApi(ipc: Ipc): Api {
  return {
    invoke: ((channel: unknown, input?: unknown) => {
      if (!isInvokeChannel(channel)) {
        return Promise.resolve(fail(new AppError('unknown_channel', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`)));
      }
      // A rejected invoke (no handler yet, uncloneable input) still answers with a Result.
      return ipc.invoke(channel, input).catch(() => fail(new AppError('unavailable', 'The Switchboard backend did not answer.')));
    }) as Api['invoke'],
    on: ((event: unknown, listener: unknown) => {
      if (!isEventChannel(event)) throw new TypeError(`Unknown event ${JSON.stringify(String(event)).slice(0, 80)}.`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const forward = (_event: IpcRendererEvent, payload: unknown) => (listener as (payload: unknown) => void)(payload);
      ipc.on(event, forward);
      return () => {
        ipc.removeListener(event, forward);
      };
    }) as Api['on'],
  };
}

contextBridge.exposeInMainWorld('api', createApi(ipcRenderer));
