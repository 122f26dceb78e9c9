#!/usr/bin/env node
/**
 * Fails when the spec files that replace a module or a global (`vi.mock`, `vi.doMock`,
 * `vi.stubGlobal`, `vi.stubEnv`) and vite.config.ts's MOCKING_SPECS differ. Those files run
 * isolated; every other spec file shares its worker's modules (vite.config.ts, VITEST_PROJECTS),
 * where a replaced module would reach the next file. Run by `npm run lint`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPLACES = /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/;

const config = readFileSync(path.join(ROOT, 'vite.config.ts'), 'utf8');
const list = /const MOCKING_SPECS = \[([^\]]*)\]/.exec(config);
if (!list) {
	console.error('check-vitest-isolation: MOCKING_SPECS not found in vite.config.ts');
	process.exit(1);
}
const listed = new Set([...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));

const replacing = new Set(
	readdirSync(path.join(ROOT, 'src'), { recursive: true })
		.map((f) => path.join('src', String(f)).split(path.sep).join('/'))
		.filter((f) => f.endsWith('.spec.ts'))
		.filter((f) => REPLACES.test(readFileSync(path.join(ROOT, f), 'utf8')))
);

const missing = [...replacing].filter((f) => !listed.has(f));
const stale = [...listed].filter((f) => !replacing.has(f));
for (const f of missing)
	console.error(`${f} replaces a module or a global: add it to MOCKING_SPECS (vite.config.ts)`);
for (const f of stale)
	console.error(`${f} is in MOCKING_SPECS but replaces nothing: take it out (vite.config.ts)`);
if (missing.length + stale.length > 0) process.exit(1);
console.log(`check-vitest-isolation: ${listed.size} spec files run isolated`);
