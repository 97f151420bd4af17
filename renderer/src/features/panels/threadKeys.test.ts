import { describe, expect, it } from 'vitest';
import type { MessageId } from '../../../../shared/domain/ids';
import { THREAD_ACTION_KEYS, threadFetchError, threadMove } from './threadKeys';

const ids = ['root', 'r1', 'r2'] as MessageId[];

describe('threadMove', () => {
  it('moves up and down between the messages, stopping at the root', () => {
    expect(threadMove(ids, 'r2' as MessageId, 'selectPrevious')).toBe('r1');
    expect(threadMove(ids, 'root' as MessageId, 'selectPrevious')).toBe('root');
    expect(threadMove(ids, 'root' as MessageId, 'selectNext')).toBe('r1');
  });

  it('goes on to the composer past the last reply', () => {
    expect(threadMove(ids, 'r2' as MessageId, 'selectNext')).toBe('composer');
  });

  it('starts from the newest (↑) or the root (↓) when nothing is selected', () => {
    expect(threadMove(ids, null, 'selectPrevious')).toBe('r2');
    expect(threadMove(ids, null, 'selectNext')).toBe('root');
    // A selection that left the thread counts as none.
    expect(threadMove(ids, 'gone' as MessageId, 'selectPrevious')).toBe('r2');
  });

  it('Home and End go to the root and the newest reply', () => {
    expect(threadMove(ids, 'r1' as MessageId, 'selectFirst')).toBe('root');
    expect(threadMove(ids, 'r1' as MessageId, 'jumpToLatest')).toBe('r2');
  });

  it('does not move on other keys or in an empty thread', () => {
    expect(threadMove(ids, 'r1' as MessageId, 'edit')).toBeNull();
    expect(threadMove([], null, 'selectPrevious')).toBeNull();
  });

  it('maps every timeline action shortcut to its action', () => {
    expect(THREAD_ACTION_KEYS).toMatchObject({ edit: 'edit', delete: 'delete', react: 'react', reply: 'reply', copy: 'copy' });
    expect(THREAD_ACTION_KEYS.selectNext).toBeUndefined();
  });
});

describe('threadFetchError', () => {
  it('is one sentence, whatever the reason ends with', () => {
    expect(threadFetchError('You cannot see this thread.')).toBe('Newer replies could not be loaded (You cannot see this thread); showing the saved ones.');
    expect(threadFetchError('Timed out')).toBe('Newer replies could not be loaded (Timed out); showing the saved ones.');
    expect(threadFetchError(undefined)).toBe('Newer replies could not be loaded; showing the saved ones.');
    expect(threadFetchError('x..')).not.toMatch(/\.\./);
  });
});
