import { useStore } from './store';
import { perfMark } from './perfMark';

/**
 * The first `app:info` and inbox page, asked for at module load: the socket opens and both
 * requests are in flight while React renders its first frame, instead of only after it.
 * The mount effects that would ask again take the flag once and skip their own request
 * (a second `inbox:list` would supersede the first and throw its answer away).
 */
const started = { info: false, inbox: false };

export function prefetchStartup(): void {
  const s = useStore.getState();
  started.info = true;
  started.inbox = true;
  // Marks for the performance panel and the ui bench's trace: where a start-up's time goes.
  perfMark('script');
  void s.loadInfo();
  void s.loadInbox().then(() => perfMark('inbox-data'));
}

/** True once if the startup prefetch already asked for this. */
export function takeStartupPrefetch(what: keyof typeof started): boolean {
  const was = started[what];
  started[what] = false;
  return was;
}
