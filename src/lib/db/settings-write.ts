import { settingsSchema, type Settings, type YearPlan } from '$lib/domain/schemas';
import { fieldErrors, type FieldErrors, type Validated } from '$lib/domain/issues';
import { communePlans, mirrorOf, rebasePlans } from '$lib/domain/commune-plans';
import { toLocalDate } from '$lib/domain/time';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { getSettings } from './settings';
import { writeRecords } from './write';

type Plain = Partial<Omit<Settings, 'id' | 'updatedAt' | 'plans' | 'planNumber' | 'planDate'>>;
/**
 * What a save changes. With `plans`, the older apps' single plan (`planNumber`, `planDate`) is not
 * given: it is derived from the checked list (`mirrorOf`), so it can neither disagree with it nor
 * fail a check of its own. Without `plans`, the old fields may be set as an older app would.
 */
export type SettingsPatch = Plain &
	(
		| {
				plans: YearPlan[];
				/**
				 * The plans the form opened on: given, only the years the form changed go over the list
				 * stored now (`rebasePlans`), so a year synced in meanwhile is not dropped by a form that
				 * never showed it.
				 */
				plansBase?: readonly YearPlan[];
				planNumber?: never;
				planDate?: never;
		  }
		| { plans?: undefined; plansBase?: undefined; planNumber?: string; planDate?: string | null }
	);

/**
 * A save's answer. Saved with `plans`: `formPlans`, the form's rows as saved (parsed: numbers
 * trimmed), which the form takes as the base of its next save. Its rows as typed would differ from
 * them (a number typed with a space), so a year it did not change again would count as changed on
 * every later save and overwrite a newer edit synced in meanwhile.
 */
export type SavedSettings =
	| { ok: true; value: Settings; formPlans?: YearPlan[] }
	| Extract<Validated<Settings>, { ok: false }>;

/**
 * The errors of the list laid over the stored one (`rebasePlans`) as the form's: an entry's error
 * (`plans.<i>.number`, `i` in the merged list) names the form's row of its year, or, for a year the
 * form does not show (stored meanwhile), the list as a whole (`plans`), which the form shows under
 * its rows. The form reads `plans.<i>` as its own row i, so the merged index named another year.
 */
function formRows(
	errors: FieldErrors,
	merged: readonly YearPlan[],
	form: readonly YearPlan[]
): FieldErrors {
	const out: FieldErrors = {};
	for (const [key, message] of Object.entries(errors)) {
		const m = /^plans\.(\d+)(\..*)?$/.exec(key);
		if (m === null) {
			out[key] ??= message;
			continue;
		}
		const year = merged[Number(m[1])]?.year;
		const row = form.findIndex((p) => p.year === year);
		out[row < 0 ? 'plans' : `plans.${row}${m[2] ?? ''}`] ??= message;
	}
	return out;
}

export async function saveSettings(
	db: AppDatabase,
	patch: SettingsPatch,
	clock: Clock
): Promise<SavedSettings> {
	const current = await getSettings(db, clock.now());
	const { plansBase, ...fields } = patch;
	const derived = fields.plans !== undefined;
	const checked = settingsSchema.safeParse({
		...current,
		...fields,
		// Replaced below by the mirror of the checked plans.
		...(derived ? { planNumber: '', planDate: null } : {}),
		id: 'settings',
		updatedAt: clock.now()
	});
	if (!checked.success) return { ok: false, errors: fieldErrors(checked.error) };
	// The form's list checked as typed (its errors name its rows), then laid over the stored one.
	const rebased =
		plansBase === undefined || fields.plans === undefined
			? null
			: rebasePlans(communePlans(current), plansBase, checked.data.plans);
	const parsed =
		rebased === null ? checked : settingsSchema.safeParse({ ...checked.data, plans: rebased });
	if (!parsed.success) {
		const errors = fieldErrors(parsed.error);
		return {
			ok: false,
			errors: rebased === null ? errors : formRows(errors, rebased, fields.plans!)
		};
	}
	const record = derived
		? { ...parsed.data, ...mirrorOf(parsed.data.plans, toLocalDate(clock.now())) }
		: parsed.data;
	await writeRecords(db, 'settings', [record], clock);
	return derived
		? { ok: true, value: record, formPlans: checked.data.plans }
		: { ok: true, value: record };
}
