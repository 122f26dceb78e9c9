#!/usr/bin/env node
/**
 * Fails when a UI text key of src/lib/i18n/messages/*.ts is used nowhere in the app's source, when
 * the source asks `t()` for a key that does not exist, or when it builds keys from a prefix this
 * script does not know. A key counts as used when
 * it appears quoted in a source file (specs do not count), or when it starts with one of the
 * DYNAMIC prefixes below: the source builds those keys at run time (`t(\`status.${s}\`)`).
 * Run by `npm run lint`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const MESSAGES = path.join(ROOT, 'src/lib/i18n/messages');

/** Prefixes of keys built at run time from a code (each one is a `${...}` in the source). */
const DYNAMIC = [
	'audit.a.',
	'audit.group.',
	'audit.d.report.',
	'category.',
	'csv.err.',
	'format.',
	'status.',
	'docKind.',
	'pstatus.',
	'sync.entity.',
	'sync.reject.',
	'sync.label.period.',
	'unitKind.',
	'inc.',
	'indicator.',
	'role.',
	'io.kind.',
	'io.import.problem.',
	'login.err.',
	'meetingrun.agenda.kind.',
	'meetingrun.phase.',
	'plans.',
	'proc.',
	'province.quick.',
	'progress.kind.',
	'progress.mode.',
	'reports.kind.',
	'report.section.',
	'report.signingForm.',
	'province.err.',
	'province.dueForm.err.',
	'province.field.',
	'province.kind.',
	'province.reportFilter.',
	'province.state.'
];

function files(dir, out = []) {
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) files(full, out);
		else if (/\.(ts|js|svelte)$/.test(name) && !/\.spec\.ts$/.test(name)) out.push(full);
	}
	return out;
}

const keys = new Set();
for (const name of readdirSync(MESSAGES)) {
	const text = readFileSync(path.join(MESSAGES, name), 'utf8');
	for (const m of text.matchAll(/^\s*'([A-Za-z0-9_.-]+)':/gm)) keys.add(m[1]);
}

const sources = files(path.join(ROOT, 'src'))
	.filter((f) => !f.startsWith(MESSAGES + path.sep))
	.map((f) => ({ file: path.relative(ROOT, f), text: readFileSync(f, 'utf8') }));
const all = sources.map((s) => s.text).join('\n');

const problems = [];
for (const key of keys) {
	if (DYNAMIC.some((p) => key.startsWith(p))) continue;
	const quoted = new RegExp(`['"\`]${key.replace(/\./g, '\\.')}['"\`]`);
	if (!quoted.test(all)) problems.push(`unused key: ${key}`);
}
// Every key built from a prefix (a template literal starting like a key) must be covered by
// DYNAMIC, so the list above stays true.
for (const { file, text } of sources) {
	for (const m of text.matchAll(/`([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*\.)\$\{/g)) {
		const prefix = m[1];
		if (![...keys].some((k) => k.startsWith(prefix))) continue;
		if (!DYNAMIC.includes(prefix))
			problems.push(`${file}: dynamic key prefix '${prefix}' not listed`);
	}
}
// A literal key the source asks for must exist (t() accepts any string and shows it as it is).
for (const { file, text } of sources) {
	for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)'/g)) {
		if (!keys.has(m[1])) problems.push(`${file}: missing key '${m[1]}'`);
	}
}
for (const p of DYNAMIC) {
	if (![...keys].some((k) => k.startsWith(p))) problems.push(`listed prefix without keys: ${p}`);
}

if (problems.length > 0) {
	console.error(`check-i18n: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
	process.exit(1);
}
console.log(`check-i18n: ${keys.size} keys, all used`);
