/**
 * Browser start-up. zod compiles object parsers with `new Function` unless told not to; the
 * Content-Security-Policy forbids eval (svelte.config.js `kit.csp`), and even zod's guarded probe
 * would be reported as a violation, so the browser runs zod without it.
 *
 * zod keeps its configuration on `globalThis.__zod_globalConfig` (zod/v4/core/core.js, the object
 * `z.config()` writes to). Setting it here, before any zod module loads, keeps zod itself out of
 * the first screen (it loads with the first screen that validates); the CSP e2e test
 * (security-headers.spec.ts) fails if zod ever probes eval again.
 */
import { preloadFirstScreenTexts } from '$lib/i18n/index.svelte';

const g = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
g.__zod_globalConfig = { ...g.__zod_globalConfig, jitless: true };

// The first screens' texts start loading now, beside the route's own modules, rather than after
// them (the root layout's load waits for the same promise).
export function init(): void {
	void preloadFirstScreenTexts();
}
