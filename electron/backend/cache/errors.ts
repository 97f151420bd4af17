import { AppError } from '../../../shared/ipc/result';

/**
 * Errors after which the right move is to delete the cache files and open again
 * (the cache holds only what the network can give back, the outbox aside). They
 * carry `field: 'cache'`, which survives the trip through the worker.
 */
export const UNDECRYPTABLE_MESSAGE = 'The cache cannot be decrypted with the stored key; it will be rebuilt from the network.';
export const DAMAGED_MESSAGE = 'The cache file is damaged; it will be rebuilt from the network.';
export const TOO_NEW_MESSAGE = 'The cache was written by a newer Switchboard; it will be rebuilt from the network.';

export const undecryptable = (cause?: unknown) => new AppError('invalid_input', UNDECRYPTABLE_MESSAGE, { field: 'cache', cause });
export const damaged = (cause?: unknown) => new AppError('unavailable', DAMAGED_MESSAGE, { field: 'cache', cause });
export const tooNew = () => new AppError('unavailable', TOO_NEW_MESSAGE, { field: 'cache' });

export function isCacheUnusable(err: unknown): boolean {
  return err instanceof AppError && err.field === 'cache';
}

export const invalid = (message: string, field?: string) => new AppError('invalid_input', message, field === undefined ? {} : { field });
