import { memo } from 'react';
import type { Reaction } from '../../../shared/domain/model';
import { Icon } from './Icon';

export interface ReactionsProps {
  reactions: readonly Reaction[];
  onToggle: (emoji: string, mine: boolean) => void;
  onAdd?: (anchor: HTMLElement) => void;
  /** Why your own reaction cannot be removed here (Unipile), if it cannot. */
  removeBlockedReason?: string;
  disabledReason?: string;
}

export const Reactions = memo(function Reactions({ reactions, onToggle, onAdd, removeBlockedReason, disabledReason }: ReactionsProps) {
  if (reactions.length === 0) return null;
  return (
    <div className="reactions">
      {reactions.map((r) => {
        const blocked = disabledReason ?? (r.mine ? removeBlockedReason : undefined);
        const label = `${r.emoji} ${r.count} ${r.count === 1 ? 'reaction' : 'reactions'}${r.mine ? ', including yours' : ''}`;
        return (
          <button
            key={r.emoji}
            type="button"
            className={`reaction ${r.mine ? 'reaction-mine' : ''}`}
            aria-pressed={r.mine}
            aria-label={label}
            title={blocked ?? (r.mine ? 'Remove your reaction' : `React with ${r.emoji}`)}
            aria-disabled={blocked ? true : undefined}
            onClick={() => !blocked && onToggle(r.emoji, r.mine)}
          >
            <span className="reaction-emoji">{r.emoji}</span>
            <span className="reaction-count">{r.count}</span>
          </button>
        );
      })}
      {onAdd && !disabledReason && (
        <button type="button" className="reaction reaction-add" aria-label="Add a reaction" title="Add a reaction" onClick={(e) => onAdd(e.currentTarget)}>
          <Icon name="smile" size={14} />
        </button>
      )}
    </div>
  );
});
