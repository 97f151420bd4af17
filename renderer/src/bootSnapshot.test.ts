import { afterEach, describe, expect, it } from 'vitest';
import { captureBootSnapshot, criticalCss, dismissBootSnapshot } from './bootSnapshot';

const BUILD = '/assets/index-Ab12Cd34.js';

function page(body: string): HTMLElement {
  document.body.innerHTML = body;
  return document.getElementById('root')!;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('captureBootSnapshot', () => {
  it('keeps what a start shows: the inbox, its rows placed by rules instead of style attributes', () => {
    const root = page(`<div id="root"><div class="shell">
      <aside class="inbox" aria-label="Conversations"><div class="vlist"><div class="vlist-inner" style="height: 640px">
        <div class="vrow" style="transform: translateY(0px)"><div id="conv-a" role="option" aria-selected="true" class="inbox-row inbox-row-open" data-title="Ops &amp; &quot;on-call&quot;">Ops &lt;b&gt;</div></div>
        <div class="vrow" style="transform: translateY(64px)"><div id="conv-b" role="option" aria-selected="false" class="inbox-row">Design</div></div>
        <span class="avatar" style="width: 32px; height: 32px; --avatar-hue: 12"><img src="blob:http://x/1"></span>
        <span class="avatar" style="width: 32px; height: 32px; --avatar-hue: 12"><img src="data:image/png;base64,AA=="></span>
      </div></div></aside>
      <main class="conversation" data-boot="empty"><article>a message</article><textarea>draft</textarea></main>
      <aside class="side-panel" data-boot="omit">details</aside>
      <input class="filter" value="typed">
      <div role="dialog">palette</div><div class="toasts">saved</div>
      <footer class="statusbar" data-boot="empty">Offline</footer>
    </div></div>`);
    const snap = captureBootSnapshot(root, 'dark', BUILD)!;
    expect(snap.build).toBe('/assets/index-Ab12Cd34.js');
    expect(snap.theme).toBe('dark');

    const out = document.createElement('div');
    out.innerHTML = snap.html;
    // Rows in order, text as text, no longer selected, and no id the app's own elements could lose to them.
    const rows = [...out.querySelectorAll('[role="option"]')];
    expect(rows.map((r) => r.textContent)).toEqual(['Ops <b>', 'Design']);
    expect(rows[0]!.getAttribute('data-title')).toBe('Ops & "on-call"');
    expect(rows[0]!.getAttribute('aria-selected')).toBe('false');
    expect(rows[0]!.classList.contains('inbox-row-open')).toBe(false);
    expect(out.querySelectorAll('[id]')).toHaveLength(0);
    // What a start does not show, or would show stale.
    expect(out.querySelector('.side-panel, [role="dialog"], .toasts')).toBeNull();
    expect(out.querySelector('main')!.children).toHaveLength(0);
    expect(out.querySelector('.statusbar')!.textContent).toBe('');
    expect(out.querySelector('input')!.hasAttribute('value')).toBe(false);
    // A blob: picture dies with the page; a data: one is kept.
    expect([...out.querySelectorAll('img')].map((i) => i.getAttribute('src'))).toEqual(['data:image/png;base64,AA==']);

    // Every style attribute became a rule, the same declarations sharing one.
    expect(out.querySelectorAll('[style]')).toHaveLength(0);
    const rules = snap.css.split('\n');
    expect(rules).toHaveLength(4);
    for (const r of rules) expect(r).toMatch(/^\[data-boot-style="\d+"\]\{[^{}<>@\\]*\}$/);
    const ruleOf = (el: Element) => rules[Number(el.getAttribute('data-boot-style'))];
    const vrows = out.querySelectorAll('.vrow');
    expect(ruleOf(vrows[1]!)).toMatch(/translateY\(64px\)/);
    const avatars = out.querySelectorAll('.avatar');
    expect(avatars[0]!.getAttribute('data-boot-style')).toBe(avatars[1]!.getAttribute('data-boot-style'));
    // The live page is untouched.
    expect(root.querySelector('.side-panel')).not.toBeNull();
    expect(root.querySelector('[style]')).not.toBeNull();
  });

  it('takes no picture of a scrolled inbox: a start shows it from the top', () => {
    const root = page('<div id="root"><aside class="inbox"><div class="vlist"><div class="vlist-inner"><div class="vrow">a</div></div></div></aside><main data-boot="empty"><div class="vlist"></div></main></div>');
    const [inboxList, timelineList] = [...root.querySelectorAll<HTMLElement>('.vlist')];
    timelineList!.scrollTop = 500;
    expect(timelineList!.scrollTop).toBe(500);
    // The timeline is not in the picture: its scroll does not matter.
    expect(captureBootSnapshot(root, 'light', BUILD)).not.toBeNull();
    inboxList!.scrollTop = 120;
    expect(captureBootSnapshot(root, 'light', BUILD)).toBeNull();
  });

  it('takes no picture without a bundle to name, or past the size the backend accepts', () => {
    // No module script in this page: nothing names the build.
    const small = page('<div id="root"><p>x</p></div>');
    expect(captureBootSnapshot(small, 'light')).toBeNull();
    expect(captureBootSnapshot(small, 'light', BUILD)).not.toBeNull();
    const root = page(`<div id="root"><p>${'x'.repeat(600 * 1024)}</p></div>`);
    expect(captureBootSnapshot(root, 'light', BUILD)).toBeNull();
  });
});

describe('criticalCss', () => {
  it('keeps the rules the picture uses, the document\'s, and media blocks around kept rules', () => {
    document.head.innerHTML = `<style>
      :root { --bg: #fff; }
      :root[data-theme='dark'] { --bg: #000; }
      .inbox-row { height: 60px; }
      .inbox-row:hover { background: var(--bg); }
      .avatar::before { content: attr(data-initials); }
      .timeline article { color: red; }
      .palette { display: grid; }
      @media (max-width: 700px) { .inbox-row { height: 48px; } .palette { width: 100%; } }
      @media (min-width: 9000px) { .palette { width: 1px; } }
    </style>`;
    // The picture's own style, still up: its rules are copies, never carried into the next picture.
    document.head.insertAdjacentHTML('beforeend', '<style id="boot-style">.inbox-row { height: 61px; }</style>');
    const clone = document.createElement('div');
    clone.innerHTML = '<div class="inbox-row"><span class="avatar" data-initials="AB"></span></div>';
    const css = criticalCss(clone);
    expect(css).not.toContain('61px');
    document.head.innerHTML = '';
    expect(css).toContain('--bg: #fff');
    expect(css).toContain("data-theme='dark'");
    expect(css).toMatch(/\.inbox-row \{ height: 60px; \}/);
    expect(css).toContain('.inbox-row:hover');
    expect(css).toContain('.avatar::before');
    expect(css).toMatch(/@media \(max-width: 700px\) \{\s*\.inbox-row \{ height: 48px; \}\s*\}/);
    // Nothing of what the picture does not draw.
    expect(css).not.toContain('.timeline');
    expect(css).not.toContain('.palette');
    expect(css).not.toContain('9000px');
  });
});

describe('dismissBootSnapshot', () => {
  it('takes the picture away, once', () => {
    document.head.innerHTML = '<style id="boot-style">[data-boot-style="0"]{height: 1px;}</style>';
    document.body.innerHTML = '<div id="boot" inert aria-hidden="true"><p>picture</p></div><div id="root"></div>';
    dismissBootSnapshot();
    expect(document.getElementById('boot')).toBeNull();
    expect(document.getElementById('boot-style')).toBeNull();
    document.head.innerHTML = '';
    expect(() => dismissBootSnapshot()).not.toThrow();
  });
});
