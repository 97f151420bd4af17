import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationId, MessageId, PersonId } from '../../../../shared/domain/ids';
import type { SearchPage } from '../../../../shared/ipc/contract';
import { setApiForTests } from '../../platform';
import { useStore } from '../../store';
import { fakeApi, makeConversation, makeMessage, makePerson, type HandlerTable } from '../palette/fakeApi';
import { SearchOverlay } from './SearchOverlay';

const initial = useStore.getState();

const hit = (n: number, conversationId = 'g:room:war', title = 'Release war room') => ({
  message: makeMessage(`g:m${n}`, conversationId, `we deploy build ${n} to staging`, { time: Date.UTC(2024, 2, 12, 10, 0) - n * 60_000, senderName: n % 2 ? 'Ana Lima' : 'Bob Stone' }),
  conversationTitle: title,
  snippet: [
    { text: 'we ', hit: false },
    { text: 'deploy', hit: true },
    { text: ` build ${n} to staging`, hit: false },
  ],
});

function setup(extra: HandlerTable = {}) {
  const api = fakeApi({
    'search:query': (input): SearchPage => {
      if (input.text === 'nothing') return { hits: [], next: null };
      const start = input.before ? 30 : 0;
      const count = input.before ? 5 : 30;
      return { hits: Array.from({ length: count }, (_, i) => hit(start + i)), next: input.before ? null : { time: 1, id: 'g:m29' as MessageId } };
    },
    ...extra,
  });
  setApiForTests(api);
  return api;
}

function open(text?: string) {
  act(() => useStore.getState().openOverlay(text === undefined ? { kind: 'search' } : { kind: 'search', text }));
  render(<SearchOverlay />);
  return screen.getByRole('combobox', { name: 'Search messages' });
}

const results = () => within(screen.getByRole('listbox', { name: 'Messages found' }));
const hitOptions = () => results().queryAllByRole('option');
const selected = () => hitOptions().find((o) => o.getAttribute('aria-selected') === 'true');

beforeEach(() => useStore.setState(initial, true));
afterEach(() => {
  cleanup();
  setApiForTests(undefined);
});

describe('SearchOverlay', () => {
  it('says it searches the offline cache and gives tips before anything is typed', () => {
    setup();
    open();
    expect(screen.getByRole('dialog', { name: 'Search messages' })).toBeTruthy();
    expect(screen.getByTestId('search-hint').textContent).toBe('Searching cached history — works offline');
    expect(screen.getByText(/including while offline/)).toBeTruthy();
  });

  it('debounces typing into one query and shows hits with highlighted snippets, conversation, sender and date', async () => {
    const api = setup();
    const input = open();
    fireEvent.change(input, { target: { value: 'd' } });
    fireEvent.change(input, { target: { value: 'de' } });
    fireEvent.change(input, { target: { value: 'deploy' } });
    await waitFor(() => expect(hitOptions()).toHaveLength(30));
    expect(api.callsTo('search:query')).toEqual([{ text: 'deploy', limit: 30 }]);
    const first = hitOptions()[0]!;
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['deploy']);
    expect(first.textContent).toContain('Release war room');
    expect(first.textContent).toContain('Bob Stone');
    expect(first.querySelector('time')!.getAttribute('datetime')).toBe(new Date(Date.UTC(2024, 2, 12, 10, 0)).toISOString());
  });

  it('Enter opens the conversation at the message and moves focus to the timeline', async () => {
    setup();
    const input = open('deploy');
    await waitFor(() => expect(hitOptions().length).toBeGreaterThan(2));
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(selected()!.id);
    fireEvent.keyDown(input, { key: 'Enter' });
    const s = useStore.getState();
    expect(s.activeConversationId).toBe('g:room:war');
    expect(s.jumpTarget).toMatchObject({ conversationId: 'g:room:war', messageId: 'g:m2' });
    expect(s.overlay).toBeNull();
    expect(s.focusRequest.region).toBe('timeline');
  });

  it('loads the next page when the selection nears the end', async () => {
    const api = setup();
    const input = open('deploy');
    await waitFor(() => expect(hitOptions()).toHaveLength(30));
    for (let i = 0; i < 4; i++) fireEvent.keyDown(input, { key: 'PageDown' });
    expect(api.callsTo('search:query')).toHaveLength(1);
    fireEvent.keyDown(input, { key: 'PageDown' });
    await waitFor(() => expect(hitOptions()).toHaveLength(35));
    expect(api.callsTo('search:query')[1]).toMatchObject({ before: { time: 1, id: 'g:m29' } });
  });

  it('loads the next page when the list is scrolled to the bottom', async () => {
    const api = setup();
    open('deploy');
    await waitFor(() => expect(hitOptions()).toHaveLength(30));
    const list = screen.getByRole('listbox', { name: 'Messages found' });
    Object.defineProperty(list, 'scrollHeight', { value: 3000, configurable: true });
    Object.defineProperty(list, 'clientHeight', { value: 400, configurable: true });
    list.scrollTop = 2500;
    fireEvent.scroll(list);
    await waitFor(() => expect(api.callsTo('search:query')).toHaveLength(2));
  });

  it('says when nothing matches', async () => {
    setup();
    open('nothing');
    expect((await screen.findByTestId('search-empty')).textContent).toBe('No cached message matches “nothing”.');
  });

  it('shows the error with a retry', async () => {
    let fail = true;
    setup({ 'search:query': () => (fail ? { ok: false, error: { code: 'internal', message: 'The cache is busy.' } } : { hits: [hit(1)], next: null }) });
    open('deploy');
    expect((await screen.findByRole('alert')).textContent).toContain('Search failed: The cache is busy.');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(hitOptions()).toHaveLength(1));
  });

  it('filters by network, or by the open conversation (whose own network then stands for the filter)', async () => {
    const api = setup();
    useStore.setState({ conversations: { 'g:room:war': makeConversation('g:room:war', 'Release war room') } });
    act(() => useStore.getState().openConversation('g:room:war' as ConversationId));
    const input = open();
    const network = screen.getByRole('combobox', { name: 'Network' }) as HTMLSelectElement;
    fireEvent.change(network, { target: { value: 'slack' } });
    fireEvent.change(input, { target: { value: 'deploy' } });
    await waitFor(() => expect(api.callsTo('search:query')).toHaveLength(1));
    expect(api.callsTo('search:query')[0]).toEqual({ text: 'deploy', limit: 30, network: 'slack' });
    // A Genesys room searched alone: Slack would contradict it, so it is set aside, not sent.
    fireEvent.click(screen.getByRole('checkbox', { name: /Only this conversation/ }));
    await waitFor(() => expect(api.callsTo('search:query')).toHaveLength(2));
    expect(api.callsTo('search:query')[1]).toEqual({ text: 'deploy', limit: 30, conversationId: 'g:room:war' });
    expect(network.disabled).toBe(true);
    expect(network.value).toBe('genesys');
    expect(input.getAttribute('placeholder')).toBe('Search in Release war room…');
    // Unscoped, the user's choice is back.
    fireEvent.click(screen.getByRole('checkbox', { name: /Only this conversation/ }));
    expect(network.value).toBe('slack');
  });

  it('reopens on the last search without asking again', async () => {
    const api = setup();
    const input = open('deploy');
    await waitFor(() => expect(hitOptions()).toHaveLength(30));
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(useStore.getState().overlay).toBeNull();
    cleanup();
    const again = open();
    expect((again as HTMLInputElement).value).toBe('deploy');
    expect(hitOptions()).toHaveLength(30);
    expect(api.callsTo('search:query')).toHaveLength(1);
  });

  it('names senders the hits do not name, asking once per person', async () => {
    const api = setup({
      'search:query': () => ({
        hits: [1, 2, 3].map((n) => ({ ...hit(n), message: makeMessage(`g:s${n}`, 'g:room:war', 'staging', { senderName: undefined, senderId: 'g:kim' as PersonId }) })),
        next: null,
      }),
      'people:get': () => ({ person: makePerson('g:kim', 'Kim Lee') }),
    });
    open('staging');
    await waitFor(() => expect(hitOptions()[0]!.textContent).toContain('Kim Lee'));
    expect(api.callsTo('people:get')).toEqual([{ personId: 'g:kim' }]);
  });

  it('renders snippets and names as text, never as HTML', async () => {
    setup({
      'search:query': () => ({
        hits: [
          {
            message: makeMessage('g:x', 'g:room:x', '<script>window.__pwned=1</script>', { senderName: '<img src=x onerror=alert(1)>' }),
            conversationTitle: '"><svg onload=alert(1)>',
            snippet: [{ text: '<script>window.__pwned=1</script>', hit: true }],
          },
        ],
        next: null,
      }),
    });
    open('script');
    const option = await results().findByRole('option');
    expect(option.textContent).toContain('<script>window.__pwned=1</script>');
    expect(option.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(option.textContent).toContain('"><svg onload=alert(1)>');
    expect(option.querySelector('script, img, svg')).toBeNull();
  });
});
