/**
 * The unit this device's user works for: a per-device preference (defaults in forms, the
 * dashboard's own unit), never synced — commune settings are shared by every device, this is not.
 * A signed-in staff or unit-head account always works for its own unit; others fall back to the
 * account's unit. Signed out with nothing chosen, the first form asks once (MyUnitAsk).
 */
import { writableUnits, type Action } from '$lib/domain/permissions';
import { syncStatus } from './sync.svelte';

const STORAGE_KEY = 'so-hop-534.my-unit';

let chosen = $state<string | null>(
	typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
);

const bound = (): boolean => {
	const r = syncStatus.user?.role;
	return (r === 'staff' || r === 'unit_head') && !!syncStatus.user?.unitCode;
};

export const myUnit = {
	/** The unit forms default to: the account's own unit for unit accounts, else the device's choice. */
	get code(): string | null {
		if (bound()) return syncStatus.user!.unitCode;
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
	},
	/** Signed out and no unit chosen yet: the form asks "my unit" instead of guessing one. */
	get mustAsk(): boolean {
		return syncStatus.user === null && chosen === null;
	},
	/** The units the signed-in account may write with `action` (all of them when signed out). */
	pickable<U extends { code: string }>(units: readonly U[], action: Action = 'record.write'): U[] {
		return writableUnits(syncStatus.user, units, action);
	},
	/** The default of a form: `code` when it may be picked, else the only pickable unit, else ''. */
	defaultOf<U extends { code: string }>(units: readonly U[]): string {
		if (this.mustAsk) return '';
		const pick = this.pickable(units);
		return pick.find((u) => u.code === this.code)?.code ?? (pick.length === 1 ? pick[0]!.code : '');
	}
};
