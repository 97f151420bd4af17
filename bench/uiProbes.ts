/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The ui bench's in-page probes. Playwright serialises each function into the page, so they close
 * over nothing of this module; they are typed against the DOM (hence the lib reference, which only
 * these need).
 */
declare global {
  interface Window {
    __bench?: { painted: number | null; live: number | null };
    __benchSwitch?: Promise<number | null>;
    __benchSwitchMarks?: Record<string, number>;
  }
}

/**
 * Init script: the time after the frame in which the first of `sel.any` appeared (`painted`), and the
 * same for `sel.live` (`live`: the app's own rows, where `any` also matches the boot snapshot's).
 */
export function paintProbe(sel: { any: string; live: string }): void {
  const state = { painted: null as number | null, live: null as number | null };
  window.__bench = state;
  const pending = { painted: false, live: false };
  const afterFrame = (key: 'painted' | 'live') =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => (state[key] = performance.now());
      ch.port2.postMessage(null);
    });
  const check = () => {
    for (const key of ['painted', 'live'] as const) {
      if (pending[key] || !document.querySelector(key === 'painted' ? sel.any : sel.live)) continue;
      pending[key] = true;
      afterFrame(key);
    }
    if (pending.painted && pending.live) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

/** Installs the switch timer: resolves with keydown → new timeline painted, or null after 5 s. */
export function armSwitch(sel: { feed: string; row: string; selected: string }): void {
  const feedBefore = document.querySelector(sel.feed);
  const selectedBefore = document.querySelector<HTMLElement>(sel.selected)?.dataset.conversationId ?? null;
  window.__benchSwitch = new Promise((resolve) => {
    let t0: number | null = null;
    let dispatched = 0;
    const started = performance.now();
    window.addEventListener(
      'keydown',
      (e) => {
        t0 = e.timeStamp;
        dispatched = performance.now();
      },
      { capture: true, once: true },
    );
    // A cross-check of the figure for the trace: the Event Timing API's "next paint after the keydown's
    // handlers" (presentation time, 8 ms granularity), which the rows rendered inside that handler join.
    let eventPaint = 0;
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'keydown') eventPaint = Math.max(eventPaint, e.startTime + e.duration);
    });
    po.observe({ type: 'event', durationThreshold: 16, buffered: false } as PerformanceObserverInit);
    const poll = () => {
      const feed = document.querySelector(sel.feed);
      const selected = document.querySelector<HTMLElement>(sel.selected)?.dataset.conversationId ?? null;
      if (t0 !== null && feed && feed !== feedBefore && selected !== selectedBefore && feed.querySelector(sel.row)) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          // The app's marks during this switch, ms after the keydown (for the bench's trace).
          const marks: Record<string, number> = {};
          for (const m of performance.getEntriesByType('mark')) if (m.startTime >= t0! && !(m.name in marks)) marks[m.name] = m.startTime - t0!;
          // How long the keydown waited for the page's main thread (input latency).
          marks['keydown dispatched'] = dispatched - t0!;
          // Event Timing entries come after the paint they measure: read it a moment later.
          setTimeout(() => {
            po.disconnect();
            if (eventPaint) marks['keydown next paint (Event Timing)'] = eventPaint - t0!;
          }, 300);
          window.__benchSwitchMarks = marks;
          resolve(performance.now() - t0!);
        };
        ch.port2.postMessage(null);
        return;
      }
      if (performance.now() - started > 5000) return resolve(null);
      requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}

export interface ScrollResult {
  frames: number[];
  domMax: number;
  seen: number;
  waits: number;
}

/** Scrolls the timeline up one step per frame until `target` distinct messages went by. */
export function scrollProbe(cfg: { feed: string; row: string; target: number; step: number; maxMs: number }): Promise<ScrollResult> {
  const feed = document.querySelector<HTMLElement>(cfg.feed);
  if (!feed) return Promise.reject(new Error('no timeline'));
  let scroller: HTMLElement | null = feed;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
  if (!scroller) return Promise.reject(new Error('the timeline does not scroll'));
  const el = scroller;
  const seen = new Set<string>();
  const frames: number[] = [];
  let domMax = 0;
  let waits = 0;
  let waitingSince: number | null = null;
  let last: number | null = null;
  const started = performance.now();
  return new Promise((resolve) => {
    const frame = (ts: number) => {
      if (last !== null) frames.push(ts - last);
      last = ts;
      for (const row of feed.querySelectorAll<HTMLElement>(cfg.row)) seen.add(row.dataset.messageId!);
      domMax = Math.max(domMax, document.getElementsByTagName('*').length);
      if (seen.size >= cfg.target || ts - started > cfg.maxMs) return resolve({ frames, domMax, seen: seen.size, waits });
      if (el.scrollTop <= 0) {
        // At the top of what is loaded: the next page is on its way (or this is the beginning).
        waits++;
        waitingSince ??= ts;
        if (ts - waitingSince > 15_000) return resolve({ frames, domMax, seen: seen.size, waits });
      } else waitingSince = null;
      el.scrollTop = Math.max(0, el.scrollTop - cfg.step);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}


/** Frame-to-frame times of `ms` of requestAnimationFrame on a page doing nothing else. */
export function frameProbe(ms: number): Promise<number[]> {
  return new Promise((resolve) => {
    const frames: number[] = [];
    let last: number | null = null;
    const started = performance.now();
    const frame = (ts: number) => {
      if (last !== null) frames.push(ts - last);
      last = ts;
      if (ts - started > ms) resolve(frames);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** A loaded page's milestones, ms since navigation start: document, scripts, the app's marks, the paint. */
export function startupMarks(): Record<string, number> {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const out: Record<string, number> = {};
  if (nav) {
    out['html response'] = nav.responseEnd;
    out['dom interactive'] = nav.domInteractive;
  }
  for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    if (r.initiatorType === 'script' || r.name.endsWith('.js')) out[`script ${r.name.split('/').pop()} loaded`] = r.responseEnd;
  }
  for (const m of performance.getEntriesByType('mark')) out[m.name] = m.startTime;
  if (window.__bench?.painted != null) out['inbox painted'] = window.__bench.painted;
  return out;
}
