/**
 * The admin log's entry of a commune settings change (`settings.changed`), from the stored record
 * and the merged one: the fields changed, and their values from → to (clerk review r11, 9: "who
 * changed the plan number, and from what"). Every field of the settings is short and not secret,
 * so every one is kept with its values: the commune's name and province, the period mode, each
 * duration limit and the warning lead, and the plans by year (number, date). A value that does not
 * fit its strict schema (older data) is left out, its field still named. Pure; the server's push
 * calls it (server/sync/push.ts).
 */
import {
	planChangeSchema,
	settingsValueChangeSchema,
	type AuditDetail,
	type PlanChange,
	type SettingsValueChange
} from './audit';
import { communePlans, type YearPlan } from './commune-plans';
import { MEETING_CATEGORIES } from './codes';
import { yearPlanSchema } from './schemas';
import { PLAN_FIELD_NAMES } from './settings-fields';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A stored settings record's plans by year (a record stored before a field reads without it). */
function plansOf(r: Record<string, unknown>): Map<number, YearPlan> {
	const list = communePlans({
		planNumber: str(r.planNumber),
		planDate: typeof r.planDate === 'string' ? r.planDate : null,
		plans: Array.isArray(r.plans)
			? r.plans.flatMap((p: unknown) => {
					const ok = yearPlanSchema.safeParse(p);
					return ok.success ? [ok.data] : [];
				})
			: [],
		updatedAt: typeof r.updatedAt === 'number' ? r.updatedAt : 0
	});
	return new Map(list.map((p) => [p.year, p]));
}

/** What changed of each year's plan, oldest year first. */
function planChanges(
	before: Record<string, unknown>,
	after: Record<string, unknown>
): PlanChange[] {
	const was = plansOf(before);
	const now = plansOf(after);
	const years = [...new Set([...was.keys(), ...now.keys()])].sort((a, b) => a - b);
	const out: PlanChange[] = [];
	for (const year of years) {
		const a = was.get(year) ?? { year, number: '', date: null };
		const b = now.get(year) ?? { year, number: '', date: null };
		const c: PlanChange = { year };
		if (a.number !== b.number) c.number = { from: a.number, to: b.number };
		if (a.date !== b.date) c.date = { from: a.date, to: b.date };
		if (c.number || c.date) out.push(c);
	}
	return out;
}

function valueChanges(
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	fields: readonly string[]
): SettingsValueChange[] {
	const raw: { field: string; from: unknown; to: unknown }[] = [];
	for (const f of fields) {
		if (f === 'limits') {
			const a = (before.limits ?? {}) as Record<string, unknown>;
			const b = (after.limits ?? {}) as Record<string, unknown>;
			for (const c of MEETING_CATEGORIES)
				if (a[c] !== b[c]) raw.push({ field: `limits.${c}`, from: a[c] ?? null, to: b[c] ?? null });
		} else if (f === 'communeName' || f === 'province') {
			raw.push({ field: f, from: str(before[f]), to: str(after[f]) });
		} else if (f === 'periodMode' || f === 'warningLeadMinutes') {
			raw.push({ field: f, from: before[f], to: after[f] });
		}
	}
	return raw.flatMap((c) => {
		const ok = settingsValueChangeSchema.safeParse(c);
		return ok.success ? [ok.data] : [];
	});
}

/**
 * The entry's detail, given the names of the fields whose stored values differ (`fields`); null
 * when nothing an admin changed is left: the plans' fields changed, but not the plan of any year
 * (the old single plan read into the list, its mirror written again).
 */
export function settingsChangeDetail(
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	fields: readonly string[]
): AuditDetail<'settings.changed'> | null {
	const changed = fields.some((f) => PLAN_FIELD_NAMES.has(f)) ? planChanges(before, after) : [];
	const plans = changed.filter((c) => planChangeSchema.safeParse(c).success);
	const named = changed.length > 0 ? [...fields] : fields.filter((f) => !PLAN_FIELD_NAMES.has(f));
	if (named.length === 0) return null;
	const values = valueChanges(before, after, named);
	return {
		fields: named,
		...(values.length > 0 ? { values } : {}),
		...(plans.length > 0 ? { plans } : {})
	};
}
