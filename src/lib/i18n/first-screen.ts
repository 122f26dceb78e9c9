/**
 * The feature modules of texts the header, the home page and the meetings list use: the texts a
 * first screen (/ and /meetings) waits for. Plain data, read by the browser's loader (load.ts) and
 * by the build (vite.config.ts groups them in one chunk per language and names that chunk in the
 * page, so its download starts with the shell's).
 */
export const FIRST_SCREEN_TEXTS: readonly string[] = ['core', 'sync'];
/** The first-run flow's own texts (/ on a new phone). */
export const FIRST_RUN_TEXTS: readonly string[] = ['onboarding'];
