import { describe, expect, it } from 'vitest';
import { webDataDir } from './dataDir';

describe('webDataDir', () => {
  it('follows the platform convention for per-user data', () => {
    expect(webDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/u')).toBe('/x/data/switchboard');
    expect(webDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/switchboard');
    expect(webDataDir({ XDG_DATA_HOME: '' }, 'linux', '/home/u')).toBe('/home/u/.local/share/switchboard');
    expect(webDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Switchboard/web');
  });

  it('can be pointed elsewhere', () => {
    expect(webDataDir({ SWITCHBOARD_DATA_DIR: '/tmp/sb', XDG_DATA_HOME: '/x' }, 'linux', '/home/u')).toBe('/tmp/sb');
  });
});
