/**
 * Limits and checks the renderer applies before it sends, which the backend applies again. Kept
 * apart from contract.ts: the renderer takes only types from there (its zod schemas cost tens of
 * milliseconds to build at start; scripts/lint-boundaries.mjs holds the line).
 */

/** A boot snapshot's limits: an inbox's first screen is some tens of kilobytes; ten times that is refused. */
export const MAX_BOOT_HTML = 512 * 1024;
export const MAX_BOOT_CSS = 128 * 1024;

/**
 * CSS a boot snapshot must not hold anywhere: it could leave its <style> element, load something, or
 * hide text from this check. The renderer leaves such a rule out; the hosts refuse a snapshot with one.
 */
export const UNSAFE_BOOT_CSS = /<|\\|@import|url\s*\(/i;
