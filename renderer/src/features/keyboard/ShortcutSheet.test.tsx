import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../store';
import { ShortcutSheet } from './ShortcutSheet';
import { SHORTCUTS } from './shortcuts';

const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  act(() => useStore.getState().openOverlay({ kind: 'shortcuts' }));
});
afterEach(cleanup);

const rows = () => [...document.querySelectorAll<HTMLElement>('[data-shortcut]')].map((r) => r.dataset.shortcut);

describe('ShortcutSheet', () => {
  it('lists every shortcut of the table, grouped by where it works', () => {
    render(<ShortcutSheet />);
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy();
    expect(rows().sort()).toEqual(SHORTCUTS.map((s) => s.id).sort());
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    const order = ['global', 'inbox', 'timeline', 'composer'].filter((scope) => SHORTCUTS.some((s) => s.scope === scope));
    const titles: Record<string, string> = { global: 'Anywhere', inbox: 'Inbox', timeline: 'Messages — with a message selected in the timeline or a thread', composer: 'Composer' };
    expect(headings).toEqual(order.map((o) => titles[o]));
    const anywhere = screen.getByRole('region', { name: 'Anywhere' });
    expect(within(anywhere).getByText('Command palette: jump to a conversation, person or action')).toBeTruthy();
  });

  it('shows keys as this platform names them, alternatives side by side', () => {
    render(<ShortcutSheet />);
    const search = document.querySelector('[data-shortcut="search"]')!;
    expect([...search.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Ctrl', 'F', '/']);
    expect(search.textContent).toContain('or');
    const next = document.querySelector('[data-shortcut="nextUnread"]')!;
    expect([...next.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['Alt', 'Shift', '↓']);
    expect(document.querySelector('[data-shortcut="react"] kbd')!.textContent).toBe('+');
  });

  it('uses ⌘ on macOS', () => {
    useStore.setState({ info: { name: 'Switchboard', version: '1', mode: 'demo', platform: 'darwin', host: 'electron', keychain: { available: true } } });
    render(<ShortcutSheet />);
    expect(document.querySelector('[data-shortcut="palette"] kbd')!.textContent).toBe('⌘');
  });

  it('filters by what a shortcut does or by its keys', () => {
    render(<ShortcutSheet />);
    const input = screen.getByRole('searchbox', { name: 'Filter shortcuts' });
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'open the thread' } });
    expect(rows()).toEqual(['thread']);
    fireEvent.change(input, { target: { value: 'shift+f6' } });
    expect(rows()).toContain('cycleRegions');
    fireEvent.change(input, { target: { value: 'qqqzzz' } });
    expect(rows()).toEqual([]);
    expect(screen.getByText('No shortcut matches “qqqzzz”.')).toBeTruthy();
  });

  it('closes on Escape', () => {
    render(<ShortcutSheet />);
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Escape' });
    expect(useStore.getState().overlay).toBeNull();
  });

  it('lets Tab reach the list to scroll it, and stays inside', () => {
    render(<ShortcutSheet />);
    const input = screen.getByRole('searchbox');
    const body = screen.getByRole('region', { name: 'Shortcuts' });
    fireEvent.keyDown(input, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(body);
    fireEvent.keyDown(body, { key: 'Tab' });
    expect(document.activeElement).toBe(input);
  });
});
