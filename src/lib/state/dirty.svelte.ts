/**
 * Which forms hold unsaved input: the update prompt never reloads on its own while one does, and
 * its question says whether a reload loses that input (a form that keeps no draft on the device;
 * none does now) or not (every entry form keeps one: `db/drafts.ts`, `form-draft.svelte.ts`).
 */
let dirty = $state<{ key: string; draft: boolean }[]>([]);

export const dirtyForms = {
	get any(): boolean {
		return dirty.length > 0;
	},
	/** A form with unsaved input keeps no draft: a reload loses what was typed there. */
	get losesInput(): boolean {
		return dirty.some((d) => !d.draft);
	},
	/** `draft`: the form keeps what is typed on the device, so a reload gives it back. */
	mark(key: string, isDirty: boolean, { draft = false }: { draft?: boolean } = {}): void {
		const has = dirty.some((d) => d.key === key);
		if (isDirty && !has) dirty = [...dirty, { key, draft }];
		if (!isDirty && has) dirty = dirty.filter((d) => d.key !== key);
	}
};
