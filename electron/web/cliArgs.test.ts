import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from './cliArgs';

describe('npm run web arguments', () => {
  it('reads --port, --demo and --pinkfish-url (both spellings)', () => {
    expect(parseArgs([])).toEqual({ port: 0, demo: false });
    expect(parseArgs(['--port', '8080', '--demo'])).toEqual({ port: 8080, demo: true });
    expect(parseArgs(['--pinkfish-url', 'http://127.0.0.1:7777/'])).toEqual({ port: 0, demo: false, pinkfishUrl: 'http://127.0.0.1:7777' });
    expect(parseArgs(['--pinkfish-url=https://farm.example.com'])).toMatchObject({ pinkfishUrl: 'https://farm.example.com' });
  });

  it('takes SWITCHBOARD_PINKFISH_URL when the flag is absent; the flag wins', () => {
    expect(parseArgs([], { SWITCHBOARD_PINKFISH_URL: 'http://127.0.0.1:9' })).toMatchObject({ pinkfishUrl: 'http://127.0.0.1:9' });
    expect(parseArgs(['--pinkfish-url', 'http://127.0.0.1:1'], { SWITCHBOARD_PINKFISH_URL: 'http://127.0.0.1:9' })).toMatchObject({ pinkfishUrl: 'http://127.0.0.1:1' });
  });

  it('refuses what is not an http(s) URL, or one carrying credentials', () => {
    for (const bad of [['--pinkfish-url'], ['--pinkfish-url', 'ftp://x'], ['--pinkfish-url', 'not a url'], ['--pinkfish-url', 'http://user:pw@host'], ['--pinkfish-url', 'http://h/?token=1'], ['--port', 'x'], ['--host', 'a']]) {
      expect(() => parseArgs(bad), bad.join(' ')).toThrow(UsageError);
    }
    expect(() => parseArgs([], { SWITCHBOARD_PINKFISH_URL: 'javascript:1' })).toThrow(/SWITCHBOARD_PINKFISH_URL/);
  });
});
