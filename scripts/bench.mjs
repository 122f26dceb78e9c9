// `npm run bench`: prints figures and ratios; never fails on timing. Needs `npm run build` first.
// Each timed bench alternates its path and its baseline for BENCH_ROUNDS (>= 15) rounds.
import { existsSync } from 'node:fs';
import { benchBundle } from '../bench/bundle.mjs';
import { benchDashboard } from '../bench/dashboard.mjs';
import { benchImport } from '../bench/import.mjs';

if (!existsSync('build/index.js')) {
	console.error('Run `npm run build` first.');
	process.exit(1);
}
const only = process.argv[2];
if (!only || only === 'first-screen') await benchBundle();
if (!only || only === 'import') await benchImport();
if (!only || only === 'dashboard') await benchDashboard();
