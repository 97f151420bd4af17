/**
 * A local Pinkfish MCP Farm: token endpoints, PinkConnect connections, and the
 * `/genesys-chat` and `/unipile-messaging` servers backed by stateful services.
 * See README.md for options, endpoints, the control API and the choices made
 * where the reference does not know how the real Farm behaves.
 */
import { createGenesysService } from './genesys/index';
import { startEmulatorCore, type RunningEmulator, type ServiceFactory } from './core/server';
import type { EmulatorOptions } from './core/options';
import { createUnipileService } from './unipile/index';

export const defaultServiceFactories: Record<'genesys' | 'unipile', ServiceFactory> = {
  genesys: createGenesysService,
  unipile: createUnipileService,
};

export function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulatorCore(opts, defaultServiceFactories);
}

export type { EmulatorOptions } from './core/options';
export type { RunningEmulator, ServiceFactory } from './core/server';
export type { EmulatorControl, CountersView } from './core/control';
export type { FaultSettings } from './core/faults';
export type { ErrorMode, BinaryMode } from './core/results';
export type { RuntimeConfig } from './core/state';
export type { Credentials } from './core/auth';
export { DEMO_CREDENTIALS } from './core/auth';
export { DEFAULT_FAULTS } from './core/faults';
