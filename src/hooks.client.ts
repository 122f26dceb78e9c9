/**
 * Browser start-up. zod compiles object parsers with `new Function` unless told not to; the
 * Content-Security-Policy forbids eval (svelte.config.js `kit.csp`), and even zod's guarded probe
 * would be reported as a violation, so the browser runs zod without it.
 */
import { z } from 'zod';

z.config({ jitless: true });
