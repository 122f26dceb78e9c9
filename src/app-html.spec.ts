/**
 * app.html's start-up script runs before the app and spells out two of its localStorage keys and
 * values (it cannot import them): the language, and whether the first-run flow is done. A key
 * renamed in the app but not there would quietly preload the wrong texts and chunks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstRunStep, FIRST_RUN_KEY } from '$lib/components/first-run/first-run';
import { LANG_STORAGE_KEY } from '$lib/i18n/index.svelte';

const html = readFileSync(new URL('./app.html', import.meta.url), 'utf8');

describe('app.html start-up script', () => {
	it('reads the language under the key the app writes it to, with the same values', () => {
		expect(html).toContain(`localStorage.getItem('${LANG_STORAGE_KEY}') === 'en' ? 'en' : 'vi'`);
	});

	it("reads the first-run progress under the app's key and treats 'done' as the app does", () => {
		expect(html).toContain(`localStorage.getItem('${FIRST_RUN_KEY}')`);
		expect(html).toContain("step !== 'done'");
		const store = new Map<string, string>([[FIRST_RUN_KEY, 'done']]);
		const original = globalThis.localStorage;
		globalThis.localStorage = { getItem: (k: string) => store.get(k) ?? null } as Storage;
		try {
			expect(firstRunStep()).toBe('done');
		} finally {
			globalThis.localStorage = original;
		}
	});
});
