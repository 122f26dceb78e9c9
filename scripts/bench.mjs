// `npm run bench`: prints figures and ratios; never fails on timing. Needs `npm run build` first.
import { existsSync } from 'node:fs';
import { benchBundle } from '../bench/bundle.mjs';
import { benchDashboard } from '../bench/dashboard.mjs';

if (!existsSync('build/index.js')) {
	console.error('Run `npm run build` first.');
	process.exit(1);
}
await benchBundle();
await benchDashboard();
