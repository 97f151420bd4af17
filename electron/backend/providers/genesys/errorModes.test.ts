import { describe, expect, it } from 'vitest';
import { expectAppError, startGenesysHarness } from './testSupport';

/**
 * The Farm's error form is unknown (pinkfish-platform.md §2.3): the emulator can
 * send upstream errors as `isError` results, as an error object in
 * `structuredContent`, or as a JSON-RPC error. The provider must surface the
 * same typed error, field and message whichever form arrives.
 */
describe.each(['isError', 'structured', 'jsonrpc'] as const)('errorMode %s', (errorMode) => {
  it('maps not_found, invalid_input (with its field) and conflict identically', async () => {
    const H = await startGenesysHarness({ errorMode });
    try {
      expect(H.h.emulator.control.getConfig().errorMode).toBe(errorMode);
      await expectAppError(H.g.getRoom({ roomJid: 'ffffffffffffffffffffffff@conference.demo-org.orgspan.com' }), 'not_found', {
        // Without the room's raw address, which means nothing to the user.
        message: 'This room was not found.',
      });
      await expectAppError(H.g.patchOrgSettings({ messageRetentionPeriodDays: 9 }), 'invalid_input', {
        field: 'messageRetentionPeriodDays',
        message: 'messageRetentionPeriodDays must be a whole number of days from 10 to 3650; got 9.',
      });
      await H.g.createMySettings({ muted: false });
      await expectAppError(H.g.createMySettings({ muted: false }), 'conflict', { message: 'Chat settings for the current user already exist; use PATCH to change them.' });
      // A success still decodes normally in this mode.
      expect((await H.g.getOrgSettings()).messageRetentionPeriodDays).toBe(365);
    } finally {
      await H.stop();
    }
  });
});
