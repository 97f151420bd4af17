/**
 * When the app may look for updates. electron-updater is only loaded when this says yes, so a
 * development run or a demo build never reaches out to a release server.
 */

export interface UpdateFacts {
  /** app.isPackaged: an unpackaged run is a developer's checkout. */
  isPackaged: boolean;
  /** A build made to show the demo only (see readBuildFlags). */
  demoOnly: boolean;
  platform: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether electron-builder wrote resources/app-update.yml (it does only when `publish` is set). */
  feedConfigured: boolean;
}

export type UpdateSkip = 'development' | 'demo-only' | 'disabled-by-env' | 'no-feed' | 'unsupported-package';
export type UpdateDecision = { enabled: true } | { enabled: false; reason: UpdateSkip };

export function updatePolicy(f: UpdateFacts): UpdateDecision {
  if (!f.isPackaged) return { enabled: false, reason: 'development' };
  if (f.demoOnly) return { enabled: false, reason: 'demo-only' };
  // For managed machines where IT ships updates itself.
  if (f.env['SWITCHBOARD_DISABLE_UPDATES'] === '1') return { enabled: false, reason: 'disabled-by-env' };
  if (!f.feedConfigured) return { enabled: false, reason: 'no-feed' };
  // On Linux only the AppImage can replace itself; deb and rpm are updated by the package manager.
  if (f.platform === 'linux' && !f.env['APPIMAGE']) return { enabled: false, reason: 'unsupported-package' };
  return { enabled: true };
}

export interface BuildFlags {
  demoOnly: boolean;
}

/**
 * Flags baked into the packaged package.json at build time, e.g.
 * `electron-builder -c.extraMetadata.switchboard.demoOnly=true` for a build that only shows the demo.
 */
export function readBuildFlags(packageJson: unknown): BuildFlags {
  const sb = packageJson && typeof packageJson === 'object' ? (packageJson as { switchboard?: unknown }).switchboard : undefined;
  const demoOnly = sb && typeof sb === 'object' ? (sb as { demoOnly?: unknown }).demoOnly : undefined;
  return { demoOnly: demoOnly === true || demoOnly === 'true' };
}

/** How often a running app looks again; the first check waits a little so start-up stays quick. */
export const UPDATE_CHECK = Object.freeze({ firstAfterMs: 30_000, everyMs: 6 * 60 * 60 * 1000 });

/** The question asked before restarting: nothing is installed behind the user's back mid-conversation. */
export function restartPrompt(version: string | undefined, appName = 'Switchboard'): { message: string; detail: string; buttons: [string, string] } {
  const v = version && /^[\w.+-]{1,64}$/.test(version) ? ` ${version}` : '';
  return {
    message: `${appName}${v} is ready to install`,
    detail: `Restart ${appName} now to finish updating? Messages you have not sent yet stay in the outbox. If you choose Later, the update is installed when you next quit.`,
    buttons: ['Restart Now', 'Later'],
  };
}
