import { useStore } from '../../store';
import { displayKeys, SHORTCUTS, type ShortcutScope } from '../keyboard/shortcuts';
import { splitKeys } from '../palette/keysDisplay';
import { Section } from './controls';
import { Button } from '../../components/Button';

const SCOPES: { scope: ShortcutScope; title: string; description: string }[] = [
  { scope: 'global', title: 'Anywhere', description: 'Work wherever the keyboard is.' },
  { scope: 'inbox', title: 'Inbox', description: 'When the conversation list has the keyboard.' },
  { scope: 'timeline', title: 'Messages', description: 'When the timeline has the keyboard (F6 or Esc to get there).' },
  { scope: 'composer', title: 'Composer', description: 'While writing a message.' },
];

/** The shortcut sheet as a settings page: the same table the overlay (Mod+/) reads. */
export function KeyboardPage() {
  const platform = useStore((s) => s.info?.platform);
  const isMac = platform === 'darwin';
  const openOverlay = useStore((s) => s.openOverlay);
  return (
    <>
      {SCOPES.map(({ scope, title, description }) => {
        const rows = SHORTCUTS.filter((s) => s.scope === scope);
        if (!rows.length) return null;
        return (
          <Section key={scope} title={title} description={description} testId={`shortcuts-${scope}`}>
            <table className="sb-shortcuts">
              <thead className="sb-visually-hidden">
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Keys</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id}>
                    <td>{s.label}</td>
                    <td className="sb-keys">
                      {s.keys.map((k, i) => (
                        <span key={k}>
                          {i > 0 && <span className="sb-or"> or </span>}
                          {/* Split before display (as the shortcut sheet does): "+" is a key of its own. */}
                          {splitKeys(k).map((part, j) => (
                            <kbd key={j} className="sb-kbd">
                              {displayKeys(part, isMac)}
                            </kbd>
                          ))}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
        );
      })}
      <div className="sb-inline-actions">
        <Button onClick={() => openOverlay({ kind: 'shortcuts' })}>
          Open the shortcut sheet
        </Button>
      </div>
    </>
  );
}
