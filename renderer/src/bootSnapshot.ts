import { useEffect, useLayoutEffect } from 'react';
import type { BootSnapshot } from '../../shared/ipc/contract';
import { MAX_BOOT_CSS, MAX_BOOT_HTML, UNSAFE_BOOT_CSS } from '../../shared/ipc/limits';
import { useStore, type StoreState } from './store';
import { safeInvoke } from './store/safeInvoke';

/**
 * The boot snapshot, renderer side. The hosts put the inbox as this window last drew it inside
 * index.html (`#boot`, electron/backend/app/bootPage.ts), so a returning user sees it at the page's
 * first paint. It is a picture laid over the app (inert, hidden from assistive technology): it goes
 * in the commit that draws the app's own inbox, so no frame shows neither.
 *
 * What is kept is what the next start will show: the inbox unfiltered, no conversation open, no
 * dialog, menu or toast, no status (it would be stale), the conversation area empty.
 */

/** Taken out of the picture: passing things, and state the next start does not begin in. */
const OMIT = '[data-boot="omit"], [role="dialog"], [role="menu"], [role="tooltip"], [role="alert"], .toasts';
/** Kept as an empty box: the conversation area, the status bar. */
const EMPTY = '[data-boot="empty"]';
/** Gives up on the picture if the app has not drawn its inbox by then (a backend that never answers). */
const FALLBACK_MS = 5000;
/** The first picture a moment after the inbox is drawn, then at most one per interval while it changes. */
const FIRST_CAPTURE_MS = 800;
const CAPTURE_INTERVAL_MS = 5000;

let dismissed = false;

/** Removes the picture and its style (idempotent): a later picture must not copy the old one's rules. */
export function dismissBootSnapshot(): void {
  if (dismissed) return;
  dismissed = true;
  document.getElementById('boot')?.remove();
  document.getElementById('boot-style')?.remove();
}

/** Called once at start: the picture never outstays a start that goes wrong. */
export function armBootSnapshotFallback(): void {
  if (!document.getElementById('boot')) {
    dismissed = true;
    return;
  }
  setTimeout(dismissBootSnapshot, FALLBACK_MS);
}

/**
 * Resolves when every stylesheet link of the page is loaded (or failed). With a boot snapshot the
 * hosts put the link at the end of the body, where it no longer holds up the first paint: the app
 * waits for it here instead. Without one it is loaded before any script runs, and this is immediate.
 */
export function stylesheetsLoaded(): Promise<void> {
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((link) => !link.sheet);
  return Promise.all(
    pending.map(
      (link) =>
        new Promise<void>((resolve) => {
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  ).then(() => undefined);
}

/** True when the window shows what a start shows, so a picture of it now is a picture of the next start. */
function startLike(s: StoreState): boolean {
  return s.inboxStatus === 'ready' && s.inboxFilter.kind === 'all' && s.inboxText === '' && s.overlay === null && s.view.kind === 'inbox';
}

/** States and parts a picture never has: taken off a selector before asking whether it matches. */
const DYNAMIC = /::?(?:hover|focus-visible|focus-within|focus|active|visited|before|after|placeholder|selection|marker|backdrop|first-line|first-letter|-webkit-[a-z-]+|-moz-[a-z-]+)(?:\([^)]*\))?/g;

/**
 * The rules of the page's stylesheets that the picture uses: the picture then needs no stylesheet of
 * its own before its first paint (bootPage.ts moves the link out of the head). Kept: rules on the
 * document (`:root`, `html`, `body`, the root elements), rules whose selector matches an element of
 * `clone` once states and pseudo-elements are taken off, and at-rules around kept rules; keyframes
 * whole. A selector the browser cannot test is kept rather than guessed.
 */
export function criticalCss(clone: Element, sheets: StyleSheetList = document.styleSheets): string {
  const keepRule = (rule: CSSRule): string | null => {
    if (rule instanceof CSSStyleRule) {
      const selector = rule.selectorText;
      if (/(^|[\s,(>+~])(:root|html|body)\b|#root|#boot/.test(selector)) return rule.cssText;
      try {
        return clone.querySelector(selector.replace(DYNAMIC, '')) ? rule.cssText : null;
      } catch {
        return rule.cssText;
      }
    }
    if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
      const inner = [...rule.cssRules].map(keepRule).filter((r): r is string => r !== null);
      return inner.length ? `@${rule instanceof CSSMediaRule ? 'media' : 'supports'} ${rule.conditionText} {\n${inner.join('\n')}\n}` : null;
    }
    if (rule instanceof CSSKeyframesRule) return rule.cssText;
    return null;
  };
  const out: string[] = [];
  // The picture's own style (while it is up) is a copy of these rules, not more of them.
  const own = (document.getElementById('boot-style') as HTMLStyleElement | null)?.sheet ?? null;
  for (const sheet of sheets) {
    if (sheet === own) continue;
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of rules) {
      const text = keepRule(rule);
      if (text !== null && !UNSAFE_BOOT_CSS.test(text)) out.push(text);
    }
  }
  return out.join('\n');
}

/**
 * A copy of `el` for the picture: what OMIT names left out, what EMPTY names kept without its content.
 * Neither is ever cloned, so an open timeline of a thousand elements costs the picture nothing.
 */
function copyFor(el: Element, doc: Document = inertDocument()): Element {
  const copy = doc.importNode(el, false);
  if (el.matches(EMPTY)) return copy;
  for (const child of el.childNodes) {
    if (!(child instanceof Element)) copy.appendChild(doc.importNode(child, false));
    else if (!child.matches(OMIT)) copy.appendChild(copyFor(child, doc));
  }
  return copy;
}

let inert: Document | null = null;
/**
 * Where the picture's copies are made: a document with no window, in which an element never loads
 * anything. Copied into the page's own document, each profile picture's `<img>` started a load of its
 * data: URL (a lazy image's, which the CSP's connect-src refused, and logged, when the page was offline).
 */
function inertDocument(): Document {
  return (inert ??= document.implementation.createHTMLDocument(''));
}

/** The bundle this page runs, as index.html names it: a picture is served only to the same build. */
export const currentBuild = (): string | null => document.querySelector('script[type="module"][src]')?.getAttribute('src') ?? null;

/**
 * The picture of `root` now, or null when it cannot be taken: no bundle to name, too big, or a list
 * in it scrolled (a start shows lists from their top, and a virtual list scrolled away has not drawn
 * its top rows).
 */
export function captureBootSnapshot(root: HTMLElement, theme: BootSnapshot['theme'], build: string | null = currentBuild()): BootSnapshot | null {
  if (!build) return null;
  // The lists the picture has, in the order copyFor meets them.
  const live = [...root.querySelectorAll<HTMLElement>('.vlist')].filter((el) => !el.closest(`${OMIT}, ${EMPTY}`));
  if (live.some((el) => el.scrollTop > 0)) return null;
  const clone = copyFor(root) as HTMLElement;

  // Lists: only the rows in view go into the picture (the rest is work for the first paint that nobody sees).
  const copies = clone.querySelectorAll<HTMLElement>('.vlist');
  live.forEach((el, i) => {
    const copy = copies[i];
    if (!copy) return;
    const box = el.getBoundingClientRect();
    const liveRows = el.querySelectorAll<HTMLElement>('.vrow');
    const copyRows = copy.querySelectorAll<HTMLElement>('.vrow');
    liveRows.forEach((row, j) => {
      const r = row.getBoundingClientRect();
      if (box.height > 0 && (r.bottom <= box.top || r.top >= box.bottom)) copyRows[j]?.remove();
    });
  });

  for (const el of clone.querySelectorAll('[aria-selected="true"]')) el.setAttribute('aria-selected', 'false');
  for (const el of clone.querySelectorAll('.inbox-row-open, .inbox-row-active')) el.classList.remove('inbox-row-open', 'inbox-row-active');
  // blob: pictures die with this page; typed text is not the picture's to keep.
  for (const img of clone.querySelectorAll('img')) if (!img.getAttribute('src')?.startsWith('data:')) img.remove();
  for (const el of clone.querySelectorAll('input, textarea')) {
    el.removeAttribute('value');
    if (el instanceof HTMLTextAreaElement) el.textContent = '';
  }
  // The app's own elements keep their ids: getElementById must never find the picture's copy.
  for (const el of clone.querySelectorAll('[id]')) el.removeAttribute('id');

  // The page's CSP refuses style attributes: each becomes a rule in one style element of the page's own.
  const rules = new Map<string, number>();
  for (const el of clone.querySelectorAll<HTMLElement | SVGElement>('[style]')) {
    const text = el.style.cssText;
    el.removeAttribute('style');
    // Declarations only (no block or at-rule to open), and nothing the hosts would refuse.
    if (!text || /[{}@]/.test(text) || UNSAFE_BOOT_CSS.test(text)) continue;
    let n = rules.get(text);
    if (n === undefined) rules.set(text, (n = rules.size));
    el.setAttribute('data-boot-style', String(n));
  }
  const css = [criticalCss(clone), ...[...rules].map(([text, n]) => `[data-boot-style="${n}"]{${text}}`)].filter(Boolean).join('\n');
  const html = clone.innerHTML;
  if (html.length > MAX_BOOT_HTML || css.length > MAX_BOOT_CSS) return null;
  return { build, theme, html, css };
}

/**
 * In the shell: takes the picture away in the commit that draws the live inbox (or anything else a
 * start can show instead), then keeps the stored picture current while the inbox changes.
 */
export function useBootSnapshot(): void {
  const inboxStatus = useStore((s) => s.inboxStatus);
  const overlay = useStore((s) => s.overlay);
  useLayoutEffect(() => {
    if (inboxStatus === 'ready' || inboxStatus === 'error' || overlay !== null) dismissBootSnapshot();
  }, [inboxStatus, overlay]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let idle: ReturnType<typeof setTimeout> | number | null = null;
    // Chromium has it; a test DOM may not.
    const whenIdle = (fn: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 0));
    const cancelIdle = (handle: ReturnType<typeof setTimeout> | number) => (typeof cancelIdleCallback === 'function' && typeof handle === 'number' ? cancelIdleCallback(handle) : clearTimeout(handle));
    let last = 0;
    let sent = '';
    const capture = () => {
      idle = null;
      const s = useStore.getState();
      // Never a picture of the picture.
      if (!dismissed) return;
      const root = document.getElementById('root');
      if (!root || !startLike(s)) return;
      const snap = captureBootSnapshot(root, s.theme);
      if (!snap) return;
      const key = `${snap.theme}\n${snap.css}\n${snap.html}`;
      last = Date.now();
      if (key === sent) return;
      sent = key;
      void safeInvoke('ui:snapshot', snap);
    };
    const schedule = () => {
      if (timer !== null || idle !== null) return;
      const wait = last === 0 ? FIRST_CAPTURE_MS : Math.max(FIRST_CAPTURE_MS, last + CAPTURE_INTERVAL_MS - Date.now());
      timer = setTimeout(() => {
        timer = null;
        // Out of the way of input and frames: the clone and its serialisation are a few milliseconds.
        idle = whenIdle(capture);
      }, wait);
    };
    const unsubscribe = useStore.subscribe((s, prev) => {
      if (s.conversations !== prev.conversations || s.inboxIds !== prev.inboxIds || s.theme !== prev.theme || s.inboxStatus !== prev.inboxStatus) schedule();
    });
    if (useStore.getState().inboxStatus === 'ready') schedule();
    // Leaving: the last picture now, as this is what the next start should show.
    const onHide = () => {
      if (document.visibilityState === 'hidden') capture();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      if (timer !== null) clearTimeout(timer);
      if (idle !== null) cancelIdle(idle);
    };
  }, []);
}
