/** The dirty-form registry the update prompt reads (+layout.svelte `reload`). */
import { afterEach, describe, expect, it } from 'vitest';
import { dirtyForms } from './dirty.svelte';

describe('dirtyForms', () => {
	afterEach(() => {
		for (const key of ['meeting:new', 'proc:VP']) dirtyForms.mark(key, false);
	});

	it('is dirty while any form is, marked twice and unmarked once is no longer', () => {
		dirtyForms.mark('meeting:new', true);
		dirtyForms.mark('proc:VP', true);
		dirtyForms.mark('proc:VP', true);
		dirtyForms.mark('proc:VP', false);
		expect(dirtyForms.any).toBe(true);
		dirtyForms.mark('meeting:new', false);
		expect(dirtyForms.any).toBe(false);
	});
});
