import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { AccountId, PersonId } from '../../../../shared/domain/ids';
import type { Person } from '../../../../shared/domain/model';
import { safeInvoke } from '../../store/safeInvoke';

/**
 * A combobox that picks people: suggestions from `people:query` (the cache's people), arrows to
 * move, Enter to pick; with `allowRaw`, Enter on typed text that matches nobody adds it as an id
 * (a Genesys user id, a network provider id). Picked people show as removable chips.
 */
export interface Picked {
  /** What the action sends: a user id, provider id or person id, as `toKey` decided. */
  key: string;
  label: string;
  personId?: PersonId;
  /** Their id on the network (a picked person's handle), which the network's refusals name. */
  handle?: string;
  /** The account the cache last read them through, when it knows. */
  accountId?: AccountId;
}

export interface PersonPickerProps {
  label: string;
  value: Picked[];
  onChange: (value: Picked[]) => void;
  /** The id a person is picked as; null leaves them out of the suggestions. */
  toKey: (p: Person) => string | null;
  multiple?: boolean;
  allowRaw?: boolean;
  placeholder?: string;
  hint?: string;
  autoFocus?: boolean;
  testId?: string;
  /** Narrows suggestions (e.g. to one account's attendees) beyond `toKey`. */
  filter?: (p: Person) => boolean;
  /** Orders suggestions: lower first, by name within a rank (e.g. the chosen account's people first). */
  rank?: (p: Person) => number;
  /** The line under a suggestion's name; default: a headline, or a handle people recognise. */
  metaFor?: (p: Person) => string | undefined;
  /** What is wrong with the choice (nobody picked): said under the box, which is marked invalid. */
  error?: string | null | undefined;
  /** A test id for that error (as the dialog's own error note had it). */
  errorTestId?: string | undefined;
  /** The text box, for a form that puts the keyboard on the field to fix. */
  inputRef?: RefObject<HTMLInputElement | null>;
}

const MAX_SUGGESTIONS = 8;

export function PersonPicker(props: PersonPickerProps) {
  const id = useId();
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<{ person: Person; key: string }[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  /** The text the suggestions were found for: until they arrive, Enter on a name waits for them. */
  const [foundFor, setFoundFor] = useState<string | null>(null);
  /** Enter pressed on a name whose suggestions had not arrived: settled when they do. */
  const [enterPending, setEnterPending] = useState<string | null>(null);
  /** A typed name that matches nobody: said under the box instead of becoming a chip no network knows. */
  const [rawError, setRawError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const { toKey, filter, rank, value } = props;
  const meta = props.metaFor ?? metaOf;

  useEffect(() => {
    if (!open) return;
    let stale = false;
    const timer = setTimeout(() => {
      void safeInvoke('people:query', { text: text.trim(), limit: 50 }).then((res) => {
        if (stale) return;
        if (!res.ok) {
          // Nobody to suggest: an Enter waiting for suggestions is answered all the same.
          setSuggestions([]);
          setFoundFor(text.trim());
          return;
        }
        const taken = new Set(value.map((v) => v.key));
        const rows = res.value.people
          .filter((p) => !p.isSelf && (!filter || filter(p)))
          .map((person) => ({ person, key: toKey(person) }))
          .filter((r): r is { person: Person; key: string } => r.key !== null && !taken.has(r.key));
        // The query answers by name; a stable sort keeps that order within a rank.
        if (rank) rows.sort((x, y) => rank(x.person) - rank(y.person));
        rows.length = Math.min(rows.length, MAX_SUGGESTIONS);
        setSuggestions(rows);
        setFoundFor(text.trim());
        setActive(rows.length && text.trim() ? 0 : -1);
      });
    }, 120);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [text, open, toKey, filter, rank, value]);

  // Enter came before the suggestions for what is typed: the first one is taken, or what was typed is
  // settled as Enter settles it once they are in.
  useEffect(() => {
    if (enterPending === null || foundFor !== enterPending) return;
    setEnterPending(null);
    if (suggestions[0]) pick(pickedOf(suggestions[0]));
    else settle(enterPending);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enterPending, foundFor, suggestions]);

  /** Typed text no suggestion matches: an id where ids may be typed, else said to match nobody. */
  const settle = (typed: string) => {
    if (props.allowRaw && !looksLikeName(typed)) pick({ key: typed, label: typed });
    else setRawError(noOneCalled(typed, Boolean(props.allowRaw)));
  };

  const pick = (p: Picked) => {
    props.onChange(props.multiple ? [...value.filter((v) => v.key !== p.key), p] : [p]);
    setText('');
    setActive(-1);
    if (!props.multiple) setOpen(false);
    inputRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const shown = open ? suggestions : [];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      if (!shown.length) return;
      const d = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + d + shown.length) % shown.length);
    } else if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      // (Ctrl/Cmd+Enter is the form's: it submits.)
      const typed = text.trim();
      // Suggestions still for what was typed before (they come 120 ms after a change): never picked.
      const fresh = foundFor === typed;
      const row = fresh && active >= 0 ? shown[active] : undefined;
      if (row) {
        e.preventDefault();
        pick(pickedOf(row));
      } else if (typed && !fresh && (looksLikeName(typed) || !props.allowRaw)) {
        // A name: its suggestions decide (an id is taken as typed at once, below).
        e.preventDefault();
        setOpen(true);
        setEnterPending(typed);
      } else if (typed) {
        e.preventDefault();
        settle(typed);
      }
      // Otherwise Enter submits the form around the picker.
    } else if (e.key === 'Escape' && open && shown.length) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && value.length) {
      props.onChange(value.slice(0, -1));
    }
  };

  const listId = `${id}-list`;
  const shown = open ? suggestions : [];
  const error = rawError ?? props.error;
  const describedBy = [error ? `${id}-e` : null, props.hint && !error ? `${id}-h` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="sb-picker" data-testid={props.testId}>
      <label htmlFor={id} className="sb-field-label">
        {props.label}
      </label>
      <div className={`sb-picker-box${error ? ' sb-picker-invalid' : ''}`} onClick={() => inputRef.current?.focus()}>
        {value.map((v) => (
          <span key={v.key} className="sb-chip">
            <span className="sb-chip-label" title={v.key}>
              {v.label}
            </span>
            <button type="button" className="sb-chip-remove" aria-label={`Remove ${v.label}`} onClick={() => props.onChange(value.filter((x) => x.key !== v.key))}>
              ×
            </button>
          </span>
        ))}
        <input
          ref={(el) => {
            inputRef.current = el;
            if (props.inputRef) props.inputRef.current = el;
          }}
          id={id}
          className="sb-picker-input"
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && shown[active] ? `${id}-o${active}` : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          spellCheck={false}
          // Dialogs open straight into their first field.
          autoFocus={props.autoFocus}
          placeholder={value.length && !props.multiple ? '' : props.placeholder}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setRawError(null);
            setEnterPending(null);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      {/* As a Field shows them: the error in place of the hint. */}
      {error ? (
        <p className="sb-field-error" id={`${id}-e`} role="alert" data-testid={rawError ? undefined : props.errorTestId}>
          {error}
        </p>
      ) : (
        props.hint && (
          <p className="sb-hint" id={`${id}-h`}>
            {props.hint}
          </p>
        )
      )}
      <ul id={listId} role="listbox" aria-label={`${props.label}: suggestions`} className="sb-picker-list" hidden={shown.length === 0}>
        {shown.map((r, i) => (
          <li
            key={r.key}
            id={`${id}-o${i}`}
            role="option"
            aria-selected={i === active}
            className="sb-picker-option"
            // mousedown, not click: the input keeps focus (blur would close the list first).
            onMouseDown={(e) => {
              e.preventDefault();
              pick(pickedOf(r));
            }}
          >
            <span className="sb-picker-name">{r.person.name}</span>
            {meta(r.person) && <span className="sb-picker-meta">{meta(r.person)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Typed text with a space is someone's name, not an id: no user id, provider id or handle has one.
 * A phone number may (WhatsApp), so digits with spaces and the usual marks stay an id.
 */
export const looksLikeName = (text: string): boolean => /\s/.test(text) && !/^\+?[\d\s().-]+$/.test(text);

const noOneCalled = (name: string, ids: boolean) =>
  `No one called “${name}” was found. Pick someone from the suggestions${ids ? ', or paste their id and press Enter' : ''}.`;

const pickedOf = (r: { person: Person; key: string }): Picked => ({
  key: r.key,
  label: r.person.name,
  personId: r.person.id,
  ...(r.person.handle ? { handle: r.person.handle } : {}),
  ...(r.person.accountId ? { accountId: r.person.accountId } : {}),
});

/** A headline, or a handle people recognise (a phone number); never a Genesys JID. */
export const metaOf = (p: Person): string | undefined => p.headline ?? (p.source === 'unipile' ? p.handle : undefined);

/**
 * Pickers send person ids: the backend turns a Genesys person id into the user id and a Unipile one
 * into the network's own id (its handle), so a typed raw id and a picked person travel the same way.
 */
export const genesysPersonKey = (p: Person): string | null => (p.source === 'genesys' ? p.id : null);
export const unipilePersonKey = (p: Person): string | null => (p.source === 'unipile' ? p.id : null);

/**
 * True when `person` is who a picked entry names: picked from the list (their person id), or typed as
 * an id (a Genesys user id, a network's provider id or handle; a WhatsApp number with or without its
 * "+" and "@s.whatsapp.net"). What Add a person uses to tell a member apart before asking the network.
 */
export function namesPerson(person: Person, picked: Pick<Picked, 'key' | 'personId'>): boolean {
  const k = picked.key.trim();
  if ([picked.personId, k, `g:${k}`, `u:${k}`].includes(person.id) || person.handle === k) return true;
  const at = person.handle?.indexOf('@') ?? -1;
  return at > 0 && person.handle!.slice(0, at) === k.replace(/^\+/, '');
}
