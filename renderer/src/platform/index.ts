import type { Api } from '../../../shared/ipc/contract';
import { createWsApi } from './wsApi';

/**
 * The one module that touches the host. In Electron the preload exposes
 * `window.api`; in a browser tab (web host) a WebSocket shim offers the same
 * interface, so every feature behaves identically in both.
 */
declare global {
  interface Window {
    api?: Api;
  }
}

let cached: Api | undefined;

export function getApi(): Api {
  if (!cached) cached = window.api ?? createWsApi(window.location);
  return cached;
}

/** Tests inject an Api (for example one backed by an in-process backend). */
export function setApiForTests(api: Api | undefined): void {
  cached = api;
}

/**
 * Follows the window's own link to the host: the web host's socket can drop (the host stopped, the
 * network cut); Electron's IPC cannot, so there it never reports. Returns the unsubscribe.
 */
export function onHostConnection(listener: (open: boolean) => void): () => void {
  const api = getApi() as Api & { onConnection?: (l: (open: boolean) => void) => () => void };
  return api.onConnection ? api.onConnection(listener) : () => {};
}
