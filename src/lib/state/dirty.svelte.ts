/**
 * Which forms hold unsaved input: the update prompt never reloads on its own while one does. Every
 * entry form keeps what is typed as a draft on the device (`form-draft.svelte.ts`), so the prompt
 * can say a reload gives it back.
 */
let dirty = $state<string[]>([]);

export const dirtyForms = {
	get any(): boolean {
		return dirty.length > 0;
	},
	mark(key: string, isDirty: boolean): void {
		const has = dirty.includes(key);
		if (isDirty && !has) dirty = [...dirty, key];
		if (!isDirty && has) dirty = dirty.filter((d) => d !== key);
	}
};
