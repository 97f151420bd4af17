/**
 * Limits the renderer checks before it sends, beside the contract's schemas that enforce them. Kept
 * apart from contract.ts: the renderer takes only types from there (its zod schemas cost tens of
 * milliseconds to build at start; scripts/lint-boundaries.mjs holds the line).
 */

/** A boot snapshot's limits: an inbox's first screen is some tens of kilobytes; ten times that is refused. */
export const MAX_BOOT_HTML = 512 * 1024;
export const MAX_BOOT_CSS = 128 * 1024;
