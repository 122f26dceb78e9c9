/**
 * The commune's plans implementing Decision 534, one per year (communes issue one each year), kept
 * in its settings, and which one a report's opening cites. Pure.
 *
 * The settings first held one plan (`planNumber`, `planDate`) cited by every year's report. They
 * now hold `plans` (year, number, date); the two old fields stay, mirroring one plan
 * (`mirrorOf`) so that an app of the older version, which reads only them, still cites it. Reading:
 * the old fields are the plan of their date's year, unless they match an entry of `plans` (the
 * mirror). A value there that matches none was written by an older app (a first entry, or an edit
 * made after the list), so it stands for its year over the list's entry; its year is that of the
 * one entry it shares its number or date with (`editedYear`), else its date's. A plan entered the old way
 * without a date belongs to no year, except in settings that hold no list yet (stored before it):
 * then it is the plan of the year they were saved in.
 */
import type { YearPlan } from './schemas';
import { toLocalDate } from './time';
import { planOn } from './report-document/words';

export type { YearPlan };

/** What the plan choice reads of the settings (older records may lack `plans`). */
export interface PlanSettings {
	planNumber: string;
	planDate: string | null;
	plans?: readonly YearPlan[] | undefined;
	updatedAt: number;
}

const yearOf = (localDate: string): number => Number(localDate.slice(0, 4));
const same = (a: { number: string; date: string | null }, b: YearPlan): boolean =>
	a.number === b.number && a.date === b.date;

/**
 * The year an older app's value of the old fields stands for, when it matches no entry: the year of
 * the one entry it shares its number or its date with (an edit of the mirror: a plan for 2027 is
 * often dated in December 2026, so its date's year is not its own), else its date's year; for a
 * value without a date, none beside a list (null) and, before any list, `savedYear`.
 */
function editedYear(
	legacy: { number: string; date: string | null },
	list: readonly YearPlan[],
	savedYear: number
): number | null {
	const kin = list.filter(
		(p) =>
			(legacy.number !== '' && p.number === legacy.number) ||
			(legacy.date !== null && p.date === legacy.date)
	);
	if (kin.length === 1) return kin[0]!.year;
	if (legacy.date !== null) return yearOf(legacy.date);
	return list.length === 0 ? savedYear : null;
}

/** The commune's plans, one per year, oldest first, the old single plan read in (above). */
export function communePlans(s: PlanSettings): YearPlan[] {
	const list = [...(s.plans ?? [])];
	const legacy = { number: s.planNumber.trim(), date: s.planDate };
	if (legacy.number !== '' || legacy.date !== null) {
		if (!list.some((p) => same(legacy, p))) {
			const year = editedYear(legacy, list, yearOf(toLocalDate(s.updatedAt)));
			if (year !== null) {
				const i = list.findIndex((p) => p.year === year);
				if (i >= 0) list.splice(i, 1);
				list.push({ year, ...legacy });
			}
		}
	}
	return list.sort((a, b) => a.year - b.year);
}

/** The plan of `year`, or null when none is entered for it. */
export function planOfYear(s: PlanSettings, year: number): YearPlan | null {
	return communePlans(s).find((p) => p.year === year) ?? null;
}

/**
 * The single plan the old fields keep for an app of the older version: the plan of the latest
 * year not after `today`'s (what a report made now most likely covers), else the earliest; none
 * when the list is empty.
 */
export function mirrorOf(
	plans: readonly YearPlan[],
	today: string
): { planNumber: string; planDate: string | null } {
	const year = yearOf(today);
	const sorted = [...plans].sort((a, b) => a.year - b.year);
	const pick = sorted.filter((p) => p.year <= year).at(-1) ?? sorted[0];
	return pick === undefined
		? { planNumber: '', planDate: null }
		: { planNumber: pick.number, planDate: pick.date };
}

/**
 * A form's plans laid over the list stored now: the years the form changed from the list it opened
 * on (`base`: added, edited or removed) take the form's; every other year stays as stored now, so
 * a year another admin's phone brought in meanwhile is kept (the form's copy of it is stale).
 */
export function rebasePlans(
	current: readonly YearPlan[],
	base: readonly YearPlan[],
	edited: readonly YearPlan[]
): YearPlan[] {
	const was = new Map(base.map((p) => [p.year, p]));
	const now = new Map(edited.map((p) => [p.year, p]));
	const out = new Map(current.map((p) => [p.year, p]));
	for (const year of new Set([...was.keys(), ...now.keys()])) {
		const a = was.get(year);
		const b = now.get(year);
		if (a !== undefined && b !== undefined && same(a, b)) continue;
		if (b === undefined) out.delete(year);
		else out.set(year, b);
	}
	return [...out.values()].sort((a, b) => a.year - b.year);
}

/**
 * The old fields after the server merged two devices' lists year by year (`domain/sync/merge.ts`):
 * the merged list may be neither device's, so the mirror one of them wrote may match none of its
 * entries and would then read as an older app's own plan, standing for its year over the list's.
 * When the old fields hold a mirror (empty, or equal to an entry of either list merged) and the
 * merged list is not the change's own, they become the merged list's mirror; an older app's own
 * value (matching no entry of either list) is kept. Null when nothing changes.
 */
export function remirror(
	merged: PlanSettings,
	lists: readonly (readonly YearPlan[] | undefined)[],
	today: string
): { planNumber: string; planDate: string | null } | null {
	const pair = { number: merged.planNumber, date: merged.planDate };
	const isMirror =
		(pair.number === '' && pair.date === null) ||
		lists.some((l) => (l ?? []).some((p) => same(pair, p)));
	if (!isMirror) return null;
	const next = mirrorOf(merged.plans ?? [], today);
	return next.planNumber === merged.planNumber && next.planDate === merged.planDate ? null : next;
}

/**
 * What a report of `year` dated `reportDate` cites, of the commune's plans (`communePlans`): its
 * year's plan (`cited`), none entered for that year (`none`), or its year's plan dated after the
 * report (`after`: `planOn`, the document's own rule; the page says so).
 */
export type PlanChoice =
	| { kind: 'cited'; plan: YearPlan }
	| { kind: 'none'; year: number }
	| { kind: 'after'; plan: YearPlan };

export function choosePlan(
	plans: readonly YearPlan[],
	year: number,
	reportDate: string
): PlanChoice {
	const plan = plans.find((p) => p.year === year);
	if (plan === undefined) return { kind: 'none', year };
	return planOn(plan, reportDate) === null ? { kind: 'after', plan } : { kind: 'cited', plan };
}

/** The plan the opening cites under a choice, or null (the opening then reads "Kế hoạch của UBND xã"). */
export const citedPlan = (c: PlanChoice): YearPlan | null => (c.kind === 'cited' ? c.plan : null);
