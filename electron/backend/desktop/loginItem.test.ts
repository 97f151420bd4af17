import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autostartEntry, autostartFile, HIDDEN_ARG, launchedHidden, readLinuxAutostart, setLinuxAutostart } from './loginItem';

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'switchboard-autostart-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('autostartEntry', () => {
  it('is a desktop entry that starts the app hidden', () => {
    const text = autostartEntry('/opt/Switchboard/switchboard');
    expect(text).toMatch(/^\[Desktop Entry\]\n/);
    expect(text).toContain('Type=Application\n');
    expect(text).toContain('Name=Switchboard\n');
    expect(text).toContain(`Exec="/opt/Switchboard/switchboard" ${HIDDEN_ARG}\n`);
  });

  it('quotes a path with spaces and escapes what the spec reserves', () => {
    expect(autostartEntry('/home/a b/Switch"board$`x\\.AppImage')).toContain('Exec="/home/a b/Switch\\"board\\$\\`x\\\\.AppImage" --hidden');
  });

  it('refuses line breaks that would add keys to the entry', () => {
    expect(() => autostartEntry('/opt/x\nExec=/bin/evil')).toThrow();
  });
});

describe('setLinuxAutostart', () => {
  it('writes, reads back and removes ~/.config/autostart/switchboard.desktop', () => {
    expect(readLinuxAutostart(home)).toBe(false);
    setLinuxAutostart(true, { configHome: home, exec: '/opt/Switchboard/switchboard' });
    expect(existsSync(autostartFile(home))).toBe(true);
    expect(readFileSync(autostartFile(home), 'utf8')).toBe(autostartEntry('/opt/Switchboard/switchboard'));
    expect(statSync(autostartFile(home)).mode & 0o777).toBe(0o644);
    expect(readLinuxAutostart(home)).toBe(true);
    setLinuxAutostart(false, { configHome: home, exec: '/opt/Switchboard/switchboard' });
    expect(existsSync(autostartFile(home))).toBe(false);
    expect(readLinuxAutostart(home)).toBe(false);
    // Removing what is not there is fine.
    expect(() => setLinuxAutostart(false, { configHome: home, exec: '/x' })).not.toThrow();
  });

  it('updates the entry when the app moved', () => {
    setLinuxAutostart(true, { configHome: home, exec: '/old/path' });
    setLinuxAutostart(true, { configHome: home, exec: '/new/path' });
    expect(readFileSync(autostartFile(home), 'utf8')).toContain('Exec="/new/path"');
  });

  it('reads an entry the user disabled in their desktop settings as off', () => {
    setLinuxAutostart(true, { configHome: home, exec: '/opt/x' });
    writeFileSync(autostartFile(home), `${readFileSync(autostartFile(home), 'utf8')}Hidden=true\n`);
    expect(readLinuxAutostart(home)).toBe(false);
  });
});

describe('launchedHidden', () => {
  it('is true only for the login item launch', () => {
    expect(launchedHidden(['/opt/x', '--hidden'])).toBe(true);
    expect(launchedHidden(['/opt/x'])).toBe(false);
    expect(launchedHidden(['/opt/x', 'switchboard://conversation/u:--hidden'])).toBe(false);
  });
});
