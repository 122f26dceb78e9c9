/** Which forms hold unsaved input: the update prompt never reloads on its own while one does. */
let dirty = $state<string[]>([]);

export const dirtyForms = {
	get any(): boolean {
		return dirty.length > 0;
	},
	mark(key: string, isDirty: boolean): void {
		const has = dirty.includes(key);
		if (isDirty && !has) dirty = [...dirty, key];
		if (!isDirty && has) dirty = dirty.filter((k) => k !== key);
	}
};
