/** The dirty-form registry the update prompt reads (+layout.svelte `reload`). */
import { afterEach, describe, expect, it } from 'vitest';
import { dirtyForms } from './dirty.svelte';

describe('dirtyForms', () => {
	afterEach(() => {
		for (const key of ['meeting:new', 'proc:VP', 'plan:VP']) dirtyForms.mark(key, false);
	});

	it('a form that keeps a draft is dirty without losing its input on a reload', () => {
		dirtyForms.mark('meeting:new', true, { draft: true });
		expect(dirtyForms.any).toBe(true);
		expect(dirtyForms.losesInput).toBe(false);
		dirtyForms.mark('meeting:new', false);
		expect(dirtyForms.any).toBe(false);
	});

	it('a form without a draft (a register, a plan) loses its input, whatever else is dirty', () => {
		dirtyForms.mark('meeting:new', true, { draft: true });
		dirtyForms.mark('proc:VP', true);
		expect(dirtyForms.losesInput).toBe(true);
		// Marked twice, unmarked once: no longer dirty.
		dirtyForms.mark('proc:VP', true);
		dirtyForms.mark('proc:VP', false);
		expect(dirtyForms.losesInput).toBe(false);
		expect(dirtyForms.any).toBe(true);
	});
});
