/**
 * The unit this device's user works for: a per-device preference (defaults in forms, the
 * dashboard's own unit), never synced — commune settings are shared by every device, this is not.
 * Falls back to the signed-in account's unit.
 */
import { syncStatus } from './sync.svelte';

const STORAGE_KEY = 'so-hop-534.my-unit';

let chosen = $state<string | null>(
	typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
);

export const myUnit = {
	/** The unit chosen on this device, else the signed-in account's unit, else null. */
	get code(): string | null {
		return chosen ?? syncStatus.user?.unitCode ?? null;
	},
	/** What was chosen on this device ('' when nothing). */
	get chosen(): string {
		return chosen ?? '';
	},
	set chosen(code: string) {
		chosen = code === '' ? null : code;
		if (chosen === null) localStorage.removeItem(STORAGE_KEY);
		else localStorage.setItem(STORAGE_KEY, chosen);
	}
};
