/** How indicator figures read on screen and on paper (texts in the user's language). */
import type { IndicatorStatus } from '$lib/domain/codes';
import type { IndicatorResult } from '$lib/domain/progress';
import { i18n, t } from '$lib/i18n/index.svelte';
import { formatInteger, localizeDecimal } from '$lib/i18n/number';
import { projectedCount } from '$lib/domain/progress/projected-count';
import {
	fullTargetMisses,
	honestPercent,
	ratioCatchUp,
	ratioShortfall
} from '$lib/domain/progress/honest-percent';
import type { MessageKey } from '$lib/i18n/messages';

const REDUCTIONS = new Set(['conference_reduction', 'document_reduction']);
/** Indicators that are counts (whole numbers), not percentages. */
const COUNTS = new Set(['conferences_held', 'conferences_attended']);
export const isReduction = (i: Pick<IndicatorResult, 'code'>): boolean => REDUCTIONS.has(i.code);

/** The plan: '≥ 60%', '= 100%', 'Giảm ≥ 10%', or 'Không giao chỉ tiêu'. */
export function targetText(i: Pick<IndicatorResult, 'code' | 'target'>): string {
	if (i.target === null) return t('progress.noTarget');
	if (isReduction(i)) return t('progress.targetReduce', { t: i.target });
	return t(i.target === 100 ? 'progress.targetExactly' : 'progress.targetAtLeast', { t: i.target });
}

/** A whole number in the screen's language ('4.020'). */
export const intText = (n: number): string => formatInteger(i18n.lang, n);

/**
 * The result in the screen's language ('92,5%', '4.020'); 'Chưa có dữ liệu' without data. A
 * percentage never reads as reaching a target its status says is not reached (honestPercent).
 */
export function valueText(
	i: Pick<IndicatorResult, 'code' | 'display' | 'value' | 'target' | 'status'> &
		Partial<Pick<IndicatorResult, 'numerator' | 'denominator'>>
): string {
	if (i.display === '') return t('progress.noValue');
	if (COUNTS.has(i.code)) return localizeDecimal(i18n.lang, i.display);
	const percent = honestPercent(i);
	// A reduction below zero is a rise: 'tăng 3,4%', never 'Giảm …: -3,4%' (clerk review 11, 13).
	if (isReduction(i) && percent.startsWith('-'))
		return t('progress.rise', { v: `${localizeDecimal(i18n.lang, percent.slice(1))}%` });
	return `${localizeDecimal(i18n.lang, percent)}%`;
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

/**
 * A projected yearly count of conferences or documents: a whole number ('624', never '623,7'),
 * 'trên 10' when the projection is over a cap it rounds to (projected-count.ts; clerk review 11).
 */
export function projectedText(projected: number, cap?: number): string {
	const { n, over } = projectedCount(projected, cap);
	return over ? t('progress.projectedOver', { n: intText(n) }) : intText(n);
}

/** The reduction detail line that keeps a status from looking contradictory. */
export function capLine(i: IndicatorResult): string | null {
	if (!isReduction(i)) return null;
	if (i.baseline === undefined) return t('progress.noBaseline');
	const parts = [t('progress.baselineLine', { baseline: intText(i.baseline) })];
	if (i.cap !== undefined)
		parts.push(
			t('progress.capLine', {
				cap: intText(i.cap),
				count: intText(i.count ?? 0),
				projected: i.projected === undefined ? '—' : projectedText(i.projected, i.cap)
			})
		);
	return parts.join(' · ');
}

/**
 * 'tối đa cả năm 8; dự kiến cả năm 8' ('trên 8' when 8,3): the short form of capLine, written beside a reduction's
 * percentage wherever it appears in a line (ranking, scorecard, /province), so the status never
 * looks contradictory (indicators.md). null for other indicators or without a cap.
 */
export function capShortText(
	i: Pick<IndicatorResult, 'code'> & { cap?: number; projected?: number }
): string | null {
	if (!isReduction(i) || i.cap === undefined) return null;
	return t('progress.capShort', {
		cap: intText(i.cap),
		projected: i.projected === undefined ? '—' : projectedText(i.projected, i.cap)
	});
}

/**
 * A target under 100% not yet reached: what it takes, counted honestly (clerk: "còn thiếu N" held
 * the total fixed, weak advice). Where each new record counts in the total too (conferences,
 * incoming documents, dossiers as they are processed) the next N must all qualify
 * (`ratioCatchUp`); dossiers already received can still be digitized, so that one counts on the
 * fixed total (`ratioShortfall`).
 */
const CATCH_UP: Partial<Record<IndicatorResult['code'], MessageKey>> = {
	online_share: 'progress.catchUp.online',
	incoming_electronic_share: 'progress.catchUp.incoming',
	digital_procedures_share: 'progress.catchUp.digital'
};

/**
 * What already keeps a 100% target out of reach, said as a fact: one conference over its limit
 * cannot be undone by holding more, so "còn thiếu 1 hội nghị" would be wrong advice (clerk review
 * 6). Conferences already held are final ("không còn đạt được trong năm"); the others say what is
 * not yet done.
 */
const FULL_MISS: Partial<Record<IndicatorResult['code'], MessageKey>> = {
	duration_compliance_share: 'progress.fullMiss.overrun',
	online_share: 'progress.fullMiss.notOnline',
	electronic_share: 'progress.fullMiss.notElectronic',
	incoming_electronic_share: 'progress.fullMiss.incomingNotElectronic',
	digital_procedures_share: 'progress.fullMiss.notDigital',
	digitized_share: 'progress.fullMiss.notDigitized'
};

/**
 * Under the fraction of a ratio that has not reached its target: for a 100% target what keeps it
 * out of reach ('1 hội nghị đã vượt thời lượng quy định; …', '3 văn bản chưa gửi điện tử'); for the
 * others what it takes ('40 hồ sơ tiếp theo đều phải xử lý trên môi trường điện tử mới đạt chỉ
 * tiêu', 'cần số hóa thêm 2 hồ sơ đã tiếp nhận …'), not once the period is over (missed). null when
 * reached or not a ratio.
 */
export function shortfallText(i: IndicatorResult): string | null {
	if (i.status === null || statusTone(i.status) === 'ok') return null;
	const misses = fullTargetMisses(i);
	const full = FULL_MISS[i.code];
	if (misses !== null && full !== undefined) return t(full, { n: intText(misses) });
	if (i.status === 'missed') return null;
	if (i.code === 'digitized_share') {
		const n = ratioShortfall(i);
		return n === null ? null : t('progress.catchUp.digitize', { n: intText(n) });
	}
	const n = ratioCatchUp(i);
	if (n === null) return null;
	return t(CATCH_UP[i.code] ?? 'progress.catchUp.other', { n: intText(n) });
}

/** '3.817/4.020 · thiếu 2 hồ sơ' detail of a ratio indicator. */
export function fractionText(i: IndicatorResult): string | null {
	// Nothing counted: 'Chưa có dữ liệu' says it, a '0/0' under it adds nothing (clerk review 21).
	if (i.numerator === undefined || i.denominator === undefined || i.denominator === 0) return null;
	const fraction = t('progress.fraction', {
		num: intText(i.numerator),
		den: intText(i.denominator)
	});
	const short = shortfallText(i);
	return short === null ? fraction : `${fraction} · ${short}`;
}
