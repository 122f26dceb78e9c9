/** How indicator figures read on screen and on paper (texts in the user's language). */
import type { IndicatorStatus } from '$lib/domain/codes';
import type { IndicatorResult } from '$lib/domain/progress';
import { t } from '$lib/i18n/index.svelte';

const REDUCTIONS = new Set(['conference_reduction', 'document_reduction']);
/** Indicators that are counts (whole numbers), not percentages. */
const COUNTS = new Set(['conferences_held', 'conferences_attended']);
export const isReduction = (i: Pick<IndicatorResult, 'code'>): boolean => REDUCTIONS.has(i.code);

/** The plan: '≥ 60%', '= 100%', 'Giảm ≥ 10%', or 'Không giao chỉ tiêu'. */
export function targetText(i: IndicatorResult): string {
	if (i.target === null) return t('progress.noTarget');
	if (isReduction(i)) return t('progress.targetReduce', { t: i.target });
	return t(i.target === 100 ? 'progress.targetExactly' : 'progress.targetAtLeast', { t: i.target });
}

/** The result exactly as report.csv has it, with '%' for percentages; 'Chưa có dữ liệu' without data. */
export function valueText(i: IndicatorResult): string {
	if (i.display === '') return t('progress.noValue');
	return COUNTS.has(i.code) ? i.display : `${i.display}%`;
}

export function statusText(status: IndicatorStatus | null): string {
	return t(status === null ? 'pstatus.none' : `pstatus.${status}`);
}

/** Colour family of a status (always shown with its words too). */
export function statusTone(status: IndicatorStatus | null): 'ok' | 'warn' | 'bad' | 'none' {
	switch (status) {
		case 'met':
		case 'on_track':
			return 'ok';
		case 'at_risk':
			return 'warn';
		case 'missed':
		case 'off_track':
			return 'bad';
		default:
			return 'none';
	}
}

/** A projected count: whole numbers as they are, others with one decimal. */
export function projectedText(n: number): string {
	return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The reduction detail line that keeps a status from looking contradictory. */
export function capLine(i: IndicatorResult): string | null {
	if (!isReduction(i)) return null;
	if (i.baseline === undefined) return t('progress.noBaseline');
	const parts = [t('progress.baselineLine', { baseline: i.baseline })];
	if (i.cap !== undefined)
		parts.push(
			t('progress.capLine', {
				cap: i.cap,
				count: i.count ?? 0,
				projected: i.projected === undefined ? '—' : projectedText(i.projected)
			})
		);
	return parts.join(' · ');
}

/** 'Tỷ lệ …: 44/55' detail of a ratio indicator. */
export function fractionText(i: IndicatorResult): string | null {
	if (i.numerator === undefined || i.denominator === undefined) return null;
	return t('progress.fraction', { num: i.numerator, den: i.denominator });
}
