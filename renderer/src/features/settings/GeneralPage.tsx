import { useState, type FormEvent } from 'react';
import type { AppPrefs } from '../../../../shared/ipc/contract';
import { useStore } from '../../store';
import { ErrorNote, Field, Section, Segmented, Switch } from './controls';
import { Button } from '../../components/Button';

const THEMES = [
  { value: 'system', label: 'System', hint: 'Follow the operating system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

/** Electron accelerators: modifiers joined by '+', then one key. */
const ACCELERATOR = /^(?:(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Enter|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Esc|Escape|Plus|[`\-=[\];',./\\])$/i;

export function acceleratorError(text: string): string | null {
  const t = text.trim();
  if (t === '') return 'Type a shortcut such as CommandOrControl+Shift+Space, or turn it off.';
  if (t.length > 100) return 'At most 100 characters.';
  return ACCELERATOR.test(t) ? null : 'Use modifiers and one key joined by "+", e.g. CommandOrControl+Shift+Space.';
}

export function GeneralPage({ prefs }: { prefs: AppPrefs }) {
  const setPrefs = useStore((s) => s.setPrefs);
  const host = useStore((s) => s.info?.host);
  const pushToast = useStore((s) => s.pushToast);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [shortcut, setShortcut] = useState(prefs.globalShortcut ?? '');
  const [shortcutTouched, setShortcutTouched] = useState(false);
  const shortcutProblem = acceleratorError(shortcut);

  const save = async (patch: Partial<AppPrefs>, done?: string) => {
    const err = await setPrefs(patch);
    setError(err);
    if (!err && done) pushToast({ kind: 'success', message: done });
  };
  const saveShortcut = (e: FormEvent) => {
    e.preventDefault();
    setShortcutTouched(true);
    if (!shortcutProblem) void save({ globalShortcut: shortcut.trim() }, 'Global shortcut saved.');
  };

  return (
    <>
      <Section title="Appearance" description="The theme applies at once, in every window.">
        <div className="sb-row">
          <div className="sb-row-text">
            <span className="sb-row-label" id="theme-label">
              Theme
            </span>
          </div>
          <Segmented label="Theme" value={prefs.theme} choices={THEMES} onChange={(theme) => void save({ theme })} testId="theme-choice" />
        </div>
      </Section>
      <Section
        title="Desktop app"
        description={host === 'web' ? 'These apply to the desktop app; this browser tab keeps them for it but does not use them.' : 'How Switchboard behaves on your desktop.'}
      >
        <Switch label="Close to the tray" description="Closing the window keeps Switchboard running so messages still arrive." checked={prefs.closeToTray} onChange={(v) => void save({ closeToTray: v })} />
        <Switch label="Start at login" checked={prefs.startAtLogin} onChange={(v) => void save({ startAtLogin: v })} />
        <Switch label="Check spelling while typing" checked={prefs.spellcheck} onChange={(v) => void save({ spellcheck: v })} />
        <form className="sb-inline-form" onSubmit={saveShortcut} aria-label="Global shortcut">
          <Field
            label="Show or hide Switchboard from anywhere"
            hint={prefs.globalShortcut ? `Now: ${prefs.globalShortcut}` : 'Off'}
            error={shortcutTouched ? shortcutProblem : null}
          >
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="sb-input sb-input-mono"
                value={shortcut}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                spellCheck={false}
                placeholder="CommandOrControl+Shift+Space"
                onChange={(e) => {
                  setShortcut(e.target.value);
                  setShortcutTouched(true);
                }}
              />
            )}
          </Field>
          <div className="sb-inline-actions">
            {/* Both go dim once pressed (nothing left to save, nothing to turn off): aria-disabled, so
                the keyboard stays on the button pressed rather than falling to the page. */}
            <Button variant="primary" type="submit" disabled={Boolean(shortcutProblem) || shortcut.trim() === prefs.globalShortcut} focusableWhenDisabled>
              Save
            </Button>
            <Button
              disabled={prefs.globalShortcut === null}
              focusableWhenDisabled
              onClick={() => {
                setShortcut('');
                setShortcutTouched(false);
                void save({ globalShortcut: null }, 'Global shortcut turned off.');
              }}
              data-testid="shortcut-off"
            >
              Turn off
            </Button>
          </div>
        </form>
      </Section>
      <ErrorNote error={error} testId="general-error" />
    </>
  );
}
