/**
 * Which period a progress screen shows, read from and written to its URL
 * (/dashboard?period=quarter&index=2&year=2026&asOf=2026-05-10&unit=VP). Pure.
 */
import type { PeriodMode } from './codes';
import { PERIOD_KINDS, periodContaining, periodOf, type Period, type PeriodKind } from './periods';

export interface Selection {
	kind: PeriodKind;
	/** null: the target year that holds today. */
	year: number | null;
	/** Month 1-12 or quarter 1-4; null: the one that holds today (or the year's last one). */
	index: number | null;
	/** null: today, capped at the period's end. */
	asOf: string | null;
	unit: string | null;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function intParam(params: URLSearchParams, name: string, min: number, max: number): number | null {
	const raw = params.get(name);
	if (raw === null || !/^\d+$/.test(raw)) return null;
	const n = Number(raw);
	return n >= min && n <= max ? n : null;
}

/** Reads a selection; anything invalid falls back to its default (`invalid` says so). */
export function parseSelection(
	params: URLSearchParams,
	kinds: readonly PeriodKind[] = PERIOD_KINDS,
	defaultKind: PeriodKind = 'annual'
): { selection: Selection; invalid: boolean } {
	let invalid = false;
	const check = <T>(name: string, value: T | null): T | null => {
		if (params.has(name) && value === null) invalid = true;
		return value;
	};
	const rawKind = params.get('period');
	const kind = kinds.find((k) => k === rawKind) ?? null;
	const asOfRaw = params.get('asOf');
	const rawUnit = params.get('unit');
	const unit = rawUnit !== null && /^[A-Z0-9_-]{1,20}$/.test(rawUnit) ? rawUnit : null;
	const selection: Selection = {
		kind: check('period', kind) ?? defaultKind,
		year: check('year', intParam(params, 'year', 2000, 2100)),
		index: check('index', intParam(params, 'index', 1, 12)),
		asOf: check('asOf', asOfRaw !== null && DATE.test(asOfRaw) ? asOfRaw : null),
		unit: check('unit', unit)
	};
	return { selection, invalid };
}

/** The query string of a selection (defaults left out, so links stay short). */
export function selectionQuery(s: Selection): string {
	const p = new URLSearchParams();
	p.set('period', s.kind);
	if (s.year !== null) p.set('year', String(s.year));
	if ((s.kind === 'month' || s.kind === 'quarter') && s.index !== null)
		p.set('index', String(s.index));
	if (s.asOf !== null) p.set('asOf', s.asOf);
	if (s.unit !== null) p.set('unit', s.unit);
	return `?${p.toString()}`;
}

/** The target year a selection shows. */
export function selectedYear(s: Selection, today: string, mode: PeriodMode): number {
	return s.year ?? periodContaining('annual', today, mode).year;
}

/**
 * The period and "as of" date a selection means. As of defaults to today capped at the period's
 * end; a date given in the URL is used as it is (the report names it).
 */
export function resolveSelection(
	s: Selection,
	today: string,
	mode: PeriodMode
): { period: Period; asOf: string } {
	const year = selectedYear(s, today, mode);
	let index = 0;
	if (s.kind === 'month' || s.kind === 'quarter') {
		const last = s.kind === 'month' ? 12 : 4;
		const current = periodContaining(s.kind, today, mode);
		const fallback = current.year === year ? current.index : current.year > year ? last : 1;
		index = s.index !== null && s.index <= last ? s.index : fallback;
	}
	const period = periodOf(s.kind, year, index, mode);
	const asOf = s.asOf ?? (today < period.end ? today : period.end);
	return { period, asOf };
}

/** The first year Decision 534 (31/3/2026) sets targets for: a report is about 2026 or later. */
export const FIRST_TARGET_YEAR = 2026;
/**
 * The year the first reductions compare with (the previous year's counts, indicators.md): its
 * figures are worth seeing on /dashboard, but no report is made for it.
 */
export const BASELINE_YEAR = FIRST_TARGET_YEAR - 1;

/**
 * Years offered in a picker: from `first` (never more than five back) to one ahead, and the
 * selected one (a link may ask for another: the picker still says what is shown).
 */
export function yearOptions(current: number, selected: number, first = current - 5): number[] {
	const years = new Set<number>([selected]);
	for (let y = Math.max(first, current - 5); y <= Math.max(current + 1, first); y++) years.add(y);
	return [...years].sort((a, b) => b - a);
}
