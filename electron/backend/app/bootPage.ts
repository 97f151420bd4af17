import { randomBytes } from 'node:crypto';
import { bootSnapshotSchema, type BootSnapshot } from '../../../shared/ipc/contract';
import { UNSAFE_BOOT_CSS } from '../../../shared/ipc/limits';

/**
 * The boot snapshot: the window's first screen (the inbox) as the renderer last drew it, stored in the
 * encrypted cache (`ui:snapshot`) and served inside index.html, so a returning user sees the inbox at
 * the page's first paint instead of after the bundle has loaded, run, opened its socket and asked for
 * the inbox (hundreds of milliseconds more). It is a picture: inert and hidden from assistive
 * technology, laid over the app until the app's own inbox is drawn (renderer/src/bootSnapshot.ts).
 *
 * Both hosts (the web host and Electron's app:// handler) serve it through `bootPage`. What keeps it
 * safe to inline: it is markup the renderer's own DOM serialised (text escaped), checked again here;
 * the page's CSP still forbids inline script, and its styles (the rules of the app's stylesheet that
 * the picture uses, and its elements' inline styles as rules) come in one <style> element allowed by
 * a nonce made for this response only (the CSP forbids style attributes, which the markup no longer has).
 */

/** The cache key it is kept under (ui_state). */
export const BOOT_SNAPSHOT_KEY = 'boot';

/** Elements the renderer's inbox never draws; one of them means the snapshot is not what it should be. */
const FORBIDDEN_ELEMENTS = new Set(['script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'template', 'form', 'noscript']);
/** A start tag as the DOM serialises one: attribute values double-quoted, `"` and `&` escaped inside. */
const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>\/=]+(?:="[^"]*")?)*)\s*\/?>/g;
const END_TAG = /<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>/g;
const ATTRIBUTE = /\s+([^\s"'>\/=]+)/g;

/**
 * True when every tag is one the DOM serialiser writes, of an element the inbox draws, with no event
 * handler, style or srcdoc attribute; text never holds a raw `<` (the serialiser escapes it).
 */
function plainMarkup(html: string): boolean {
  let bad = false;
  const rest = html
    .replace(START_TAG, (_, name: string, attrs: string) => {
      if (FORBIDDEN_ELEMENTS.has(name.toLowerCase())) bad = true;
      for (const [, attr] of attrs.replace(/="[^"]*"/g, '').matchAll(ATTRIBUTE)) {
        const a = attr!.toLowerCase();
        if (a.startsWith('on') || a === 'style' || a === 'srcdoc') bad = true;
      }
      return '';
    })
    .replace(END_TAG, (_, name: string) => {
      if (FORBIDDEN_ELEMENTS.has(name.toLowerCase())) bad = true;
      return '';
    });
  return !bad && !rest.includes('<');
}

/**
 * The last snapshot per open cache, so the page never waits on the cache worker behind a sync commit.
 * Keyed by the cache object: clearing the cache or changing account opens a new one, which starts
 * without (a cleared cache's picture must not outlive it here either).
 */
const remembered = new WeakMap<object, BootSnapshot | null>();

export async function recallBootSnapshot(cache: { getUiState(key: string): Promise<string | null> }): Promise<BootSnapshot | null> {
  if (remembered.has(cache)) return remembered.get(cache)!;
  const snapshot = parseBootSnapshot(await cache.getUiState(BOOT_SNAPSHOT_KEY));
  // A `ui:snapshot` stored while this read was under way has already said what is current.
  if (!remembered.has(cache)) remembered.set(cache, snapshot);
  return remembered.get(cache)!;
}

export async function storeBootSnapshot(cache: { setUiState(key: string, value: string | null, now: number): Promise<void> }, snapshot: BootSnapshot, now: number): Promise<void> {
  const raw = JSON.stringify(snapshot);
  await cache.setUiState(BOOT_SNAPSHOT_KEY, raw, now);
  remembered.set(cache, parseBootSnapshot(raw));
}

/** The stored value, read back: null when there is none or it does not pass the checks. */
export function parseBootSnapshot(raw: string | null): BootSnapshot | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = bootSnapshotSchema.safeParse(value);
  if (!parsed.success) return null;
  const s = parsed.data;
  if (!plainMarkup(s.html)) return null;
  if (UNSAFE_BOOT_CSS.test(s.css)) return null;
  return s;
}

export interface BootPage {
  html: string;
  /** The CSP for this response: the page's own, plus the nonce of the snapshot's style when there is one. */
  csp: string;
}

/** The build's stylesheet links, as Vite writes them into the head. */
const STYLESHEET_LINK = /<link rel="stylesheet"(?: crossorigin)? href="[^"<>]+\.css">/g;

/** A fresh nonce per response (128 bits), base64 as CSP expects. */
export const newNonce = () => randomBytes(16).toString('base64');

/**
 * index.html with the snapshot inside, or as it is when there is none, it was drawn by another build
 * (its markup and classes may not match this one's stylesheet), or the page or the CSP lacks what the
 * snapshot needs.
 *
 * The stylesheet links move from the head to the end of the body: in the head they block the first
 * paint until the sheet is read (even from the HTTP cache it came 40 ms after the HTML here, behind
 * the bundle's read), and the picture brings the rules it needs. The app's script waits for them
 * before it renders (renderer/src/main.tsx).
 */
export function bootPage(indexHtml: string, csp: string, snapshot: BootSnapshot | null, nonce: string = newNonce()): BootPage {
  const plain = { html: indexHtml, csp };
  if (!snapshot) return plain;
  if (snapshot.build.includes('"') || !indexHtml.includes(`src="${snapshot.build}"`)) return plain;
  const styleSrc = /(^|;)(\s*style-src\s[^;]*)/i.exec(csp);
  const head = indexHtml.indexOf('</head>');
  const root = indexHtml.indexOf('<div id="root">');
  const body = indexHtml.lastIndexOf('</body>');
  const htmlTag = /<html\b([^>]*)>/i.exec(indexHtml);
  if (!styleSrc || head < 0 || root < head || body < root || !htmlTag) return plain;
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('A CSP nonce is base64.');

  // Added in place, so the policy is the page's own with one source more (Electron's header hook
  // checks exactly that: main/security.ts).
  const styleEnd = styleSrc.index + styleSrc[0].length;
  const policy = `${csp.slice(0, styleEnd)} 'nonce-${nonce}'${csp.slice(styleEnd)}`;
  const style = snapshot.css ? `<style nonce="${nonce}" id="boot-style">${snapshot.css}</style>` : '';
  const headInner = indexHtml.slice(htmlTag.index + htmlTag[0].length, head);
  const links = headInner.match(STYLESHEET_LINK) ?? [];
  const boot = `<div id="boot" inert aria-hidden="true">${snapshot.html}</div>`;
  const htmlOpen = `<html${htmlTag[1]!.replace(/\sdata-theme="[^"]*"/i, '')} data-theme="${snapshot.theme}">`;
  const page =
    indexHtml.slice(0, htmlTag.index) +
    htmlOpen +
    headInner.replace(STYLESHEET_LINK, '') +
    style +
    indexHtml.slice(head, root) +
    boot +
    indexHtml.slice(root, body) +
    links.join('') +
    indexHtml.slice(body);
  return { html: page, csp: policy };
}
