import { describe, expect, it } from 'vitest';
import type { BootSnapshot } from '../../../shared/ipc/contract';
import { bootPage, newNonce, parseBootSnapshot } from './bootPage';

const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Switchboard</title>
    <script type="module" crossorigin src="./assets/index-AbCd1234.js"></script>
    <link rel="stylesheet" crossorigin href="./assets/index-Ef567890.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:";

const snapshot = (over: Partial<BootSnapshot> = {}): BootSnapshot => ({
  build: './assets/index-AbCd1234.js',
  theme: 'dark',
  html: '<div class="shell"><aside class="inbox" aria-label="Conversations"><div role="option" data-boot-style="0" data-title="a &amp; &quot;b&quot;">&lt;script&gt;alert(1)&lt;/script&gt; onclick=x style=y</div></aside></div>',
  css: '[data-boot-style="0"]{transform: translateY(64px); height: 64px;}',
  ...over,
});
const stored = (s: unknown) => JSON.stringify(s);

describe('bootPage', () => {
  it('puts the snapshot over the root, its rules in a style allowed by a nonce of this response, its theme on <html>', () => {
    const page = bootPage(INDEX, CSP, snapshot(), 'bm9uY2U=');
    expect(page.html).toContain('<html lang="en" data-theme="dark">');
    expect(page.html).toContain('<style nonce="bm9uY2U=" id="boot-style">[data-boot-style="0"]{transform: translateY(64px); height: 64px;}</style></head>');
    expect(page.html).toMatch(/<div id="boot" inert aria-hidden="true"><div class="shell">.*<\/div><div id="root"><\/div>/s);
    // The page's own policy with one source more, so Electron's header hook recognises it.
    expect(page.csp).toBe("default-src 'none'; script-src 'self'; style-src 'self' 'nonce-bm9uY2U='; img-src 'self' data: blob:");
    expect(page.csp.replace(" 'nonce-bm9uY2U='", '')).toBe(CSP);
  });

  it('serves the page as built without a snapshot, for another build, or without what the snapshot needs', () => {
    expect(bootPage(INDEX, CSP, null)).toEqual({ html: INDEX, csp: CSP });
    expect(bootPage(INDEX, CSP, snapshot({ build: './assets/index-Old00000.js' }))).toEqual({ html: INDEX, csp: CSP });
    expect(bootPage(INDEX, CSP, snapshot({ build: 'x" onload="y' }))).toEqual({ html: INDEX, csp: CSP });
    expect(bootPage(INDEX, "default-src 'self'", snapshot())).toEqual({ html: INDEX, csp: "default-src 'self'" });
    expect(bootPage(INDEX.replace('<div id="root">', '<main>'), CSP, snapshot()).html).not.toContain('id="boot"');
  });

  it('moves the stylesheet link to the end of the body, where it no longer holds up the first paint', () => {
    const page = bootPage(INDEX, CSP, snapshot(), 'bm9uY2U=').html;
    const link = '<link rel="stylesheet" crossorigin href="./assets/index-Ef567890.css">';
    expect(page.split(link)).toHaveLength(2);
    expect(page.indexOf(link)).toBeGreaterThan(page.indexOf('<div id="root">'));
    expect(page.indexOf(link)).toBeLessThan(page.indexOf('</body>'));
    expect(page.indexOf('</head>')).toBeLessThan(page.indexOf('<div id="boot"'));
  });

  it('makes a new nonce for every response', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(a);
    expect(() => bootPage(INDEX, CSP, snapshot(), "x' 'unsafe-inline")).toThrow(/base64/);
  });
});

describe('parseBootSnapshot', () => {
  it('reads back what the renderer stored, escaped text included', () => {
    expect(parseBootSnapshot(stored(snapshot()))).toEqual(snapshot());
    // The app stylesheet's rules the picture uses come with it: selectors, media blocks and all.
    const sheet = ":root { --bg: #fff; }\n.inbox .inbox-row:hover { color: red; }\n@media (prefers-color-scheme: dark) {\n  :root[data-theme='system'] { --bg: #000; }\n}";
    expect(parseBootSnapshot(stored(snapshot({ css: `${sheet}\n${snapshot().css}` })))?.css).toContain(':root[data-theme=');
    expect(parseBootSnapshot(null)).toBeNull();
    expect(parseBootSnapshot('{not json')).toBeNull();
    expect(parseBootSnapshot(stored({ ...snapshot(), theme: 'neon' }))).toBeNull();
    expect(parseBootSnapshot(stored({ ...snapshot(), html: 'x'.repeat(600 * 1024) }))).toBeNull();
  });

  it.each([
    ['a script', '<div><script src="/assets/x.js"></script></div>'],
    ['a closing script alone', 'text</script>'],
    ['a style element', '<style>*{}</style>'],
    ['an event handler', '<div onclick="x()">a</div>'],
    ['an event handler without a value', '<img src="x" onerror>'],
    ['a style attribute', '<div style="color:red">a</div>'],
    ['an iframe', '<iframe srcdoc="x"></iframe>'],
    ['a raw angle bracket outside any tag', '<div>a</div><scr<script>ipt>'],
    ['a single-quoted attribute', "<div title='x' onclick='y'>a</div>"],
  ])('refuses markup with %s', (_, html) => {
    expect(parseBootSnapshot(stored(snapshot({ html })))).toBeNull();
  });

  it.each([
    ['a url()', '[data-boot-style="0"]{background: url(https://example.com/x.png);}'],
    ['an import', '@import "x.css";'],
    ['a closing style tag', '[data-boot-style="0"]{color: red;}</style><script>'],
    ['an escape', '[data-boot-style="0"]{content: "\\3c/style";}'],
  ])('refuses rules with %s', (_, css) => {
    expect(parseBootSnapshot(stored(snapshot({ css })))).toBeNull();
  });
});
