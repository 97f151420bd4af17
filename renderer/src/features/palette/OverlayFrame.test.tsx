import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OverlayFooter } from './OverlayFrame';

afterEach(cleanup);

describe('OverlayFooter', () => {
  it('shows each key as a kbd between its words, one span a hint, and skips hints that are false', () => {
    const { container } = render(<OverlayFooter hints={[[['↑', '↓'], 'move'], false, [['Tab'], 'to the list, then', ['↑', '↓'], 'scroll']]} />);
    const footer = container.querySelector('.overlay-footer')!;
    expect(footer.getAttribute('aria-hidden')).toBe('true');
    const spans = [...footer.children];
    expect(spans.map((s) => s.textContent)).toEqual(['↑ ↓ move', 'Tab to the list, then ↑ ↓ scroll']);
    expect([...spans[1]!.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Tab', '↑', '↓']);
  });
});
