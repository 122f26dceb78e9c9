/** Helpers for progress-engine tests: an input with one unit, and look-ups in a report. */
import type { IndicatorCode } from '$lib/domain/codes';
import type {
	IndicatorResult,
	ProgressInput,
	ReportResult,
	UnitProgress
} from '$lib/domain/progress/types';
import { DEFAULT_TEST_LIMITS, makeUnit } from './records';

/** A Decree-09 input with unit VP and nothing else unless told otherwise. */
export function makeProgressInput(over: Partial<ProgressInput> = {}): ProgressInput {
	return {
		units: [makeUnit({ code: 'VP', order: 0 })],
		plans: [],
		meetings: [],
		documents: [],
		procedures: [],
		incoming: [],
		limits: DEFAULT_TEST_LIMITS,
		periodMode: 'decree09',
		...over
	};
}

/** A unit's progress in a report ('*' for the commune); throws when missing. */
export function unitOf(r: ReportResult, code: string): UnitProgress {
	const u = code === '*' ? r.commune : r.units.find((x) => x.unitCode === code);
	if (u === undefined) throw new Error(`no unit ${code}`);
	return u;
}

/** One indicator of a unit in a report; throws when missing. */
export function indicatorOf(
	r: ReportResult,
	code: string,
	indicator: IndicatorCode
): IndicatorResult {
	const i = unitOf(r, code).indicators.find((x) => x.code === indicator);
	if (i === undefined) throw new Error(`no indicator ${indicator}`);
	return i;
}
