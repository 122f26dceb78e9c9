/** Chart figures from the engine's results (pure apart from the texts). */
import type { MonthPoint, UnitProgress } from '$lib/domain/progress';
import { i18n, t } from '$lib/i18n/index.svelte';
import { formatDecimal, formatInteger, formatUpToOne, localizePercent } from '$lib/i18n/number';
import type { ChartSpec } from './types';

const BLUE = '#1457b8';
const RED = '#a5161a';
const GREEN = '#1e6b34';
const GREY = '#555555';

const pct = (n: number): string => `${formatDecimal(i18n.lang, n, 1)}%`;
/** An axis tick of a percentage axis: the ticks are round (0, 20 … 100), the figures keep theirs. */
const pctTick = (n: number): string => `${formatUpToOne(i18n.lang, n)}%`;
const oneDecimal = (n: number): string => formatUpToOne(i18n.lang, n);
const whole = (n: number): string => formatInteger(i18n.lang, n);
const monthLabels = (points: readonly MonthPoint[]): string[] =>
	points.map((p) => t('progress.monthN', { n: p.month }));
const monthAxis = (points: readonly MonthPoint[]): string[] =>
	points.map((p) => t('progress.monthShort', { n: p.month }));

/**
 * A unit's name in lines of at most `width` characters, broken between words (a longer word keeps
 * its line), and after a " - " first ("Phòng Văn hóa -" / "Xã hội"): the axis of a bars-across
 * chart has about half of a 360 px screen, and chart.js cuts a longer one-line name at the
 * screen's edge (clerk review r19).
 */
export function wrapLabel(name: string, width = 18): string[] {
	const lines: string[] = [];
	const whole = name.trim().replace(/\s+/g, ' ');
	const parts = whole.length <= width ? [whole] : whole.split(/(?<= -) /);
	for (const part of parts) {
		// A whole part that fits after the line before joins it.
		const before = lines[lines.length - 1];
		if (before !== undefined && before.length + 1 + part.length <= width) {
			lines[lines.length - 1] = `${before} ${part}`;
			continue;
		}
		const start = lines.length;
		for (const word of part.split(' ').filter((w) => w !== '')) {
			const last = lines[lines.length - 1];
			if (lines.length > start && last !== undefined && last.length + 1 + word.length <= width)
				lines[lines.length - 1] = `${last} ${word}`;
			else lines.push(word);
		}
	}
	return lines.length > 0 ? lines : [name];
}

/**
 * The conferences the cap allows so far, a whole number: the most one may have held by that month
 * and stay within the cap (1,5 allowed is 1; clerk review 11: no fractional conferences).
 */
const allowed = (pace: number): number => Math.floor(pace + 1e-9);

/** Conferences per month, the cumulative count held against the cap, and the pace the cap allows. */
export function paceSpec(points: readonly MonthPoint[]): ChartSpec {
	const hasCap = points.some((p) => p.pace !== null);
	const series: ChartSpec['series'] = [
		{
			label: t('progress.chart.perMonth'),
			kind: 'bar',
			data: points.map((p) => p.conferences),
			color: BLUE
		}
	];
	if (hasCap) {
		series.push(
			{
				label: t('progress.chart.cumulative'),
				kind: 'line',
				data: points.map((p) => p.cumulativeAgainstCap),
				color: GREEN
			},
			{
				label: t('progress.chart.paceLine'),
				kind: 'line',
				data: points.map((p) => (p.pace === null ? null : allowed(p.pace))),
				color: RED,
				dashed: true
			}
		);
	}
	return {
		labels: monthLabels(points),
		axisLabels: monthAxis(points),
		series,
		categoryLabel: t('progress.chart.month'),
		wholeAxis: true,
		format: oneDecimal
	};
}

export function paceSummary(points: readonly MonthPoint[], year: number, asOf: string): string {
	const started = points.filter((p) => p.conferences !== null);
	const held = started.reduce((s, p) => s + (p.conferences ?? 0), 0);
	const last = points.at(-1);
	if (last?.pace === null || last === undefined)
		return t('progress.chart.paceSummaryNoCap', { year, held });
	const current = started.find((p) => p.end >= asOf) ?? started.at(-1);
	return t('progress.chart.paceSummary', {
		year,
		held,
		cap: whole(allowed(last.pace)),
		pace: current?.pace === null || current === undefined ? '—' : whole(allowed(current.pace))
	});
}

const share = (p: MonthPoint): number | null =>
	p.conferences === null || p.online === null || p.conferences === 0
		? null
		: (p.online * 100) / p.conferences;

/** Online share of held conferences by month, with the target as a dashed line. */
export function onlineSpec(points: readonly MonthPoint[], target: number | null): ChartSpec {
	const series: ChartSpec['series'] = [
		{ label: t('progress.chart.onlineSeries'), kind: 'line', data: points.map(share), color: BLUE }
	];
	if (target !== null)
		series.push({
			label: t('progress.target'),
			kind: 'line',
			data: points.map(() => target),
			color: GREY,
			dashed: true
		});
	return {
		labels: monthLabels(points),
		axisLabels: monthAxis(points),
		series,
		categoryLabel: t('progress.chart.month'),
		max: 100,
		format: pct,
		axisFormat: pctTick
	};
}

export function onlineSummary(points: readonly MonthPoint[], year: number): string {
	const list = points
		.map((p) => {
			const s = share(p);
			return s === null ? null : `${t('progress.monthN', { n: p.month })} ${pct(s)}`;
		})
		.filter((x) => x !== null)
		.join('; ');
	return t('progress.chart.onlineSummary', { year, list: list || '—' });
}

const indicator = (u: UnitProgress, code: string) => u.indicators.find((i) => i.code === code);

type NameOf = (u: UnitProgress) => string;

/**
 * Online share of each unit (and the commune) in the period: percentages only, on a 0-100 axis
 * bars across so unit names read at 360 px.
 */
export function unitsOnlineSpec(units: readonly UnitProgress[], name: NameOf): ChartSpec {
	const series: ChartSpec['series'] = [
		{
			label: t('progress.chart.unitsOnline'),
			kind: 'bar',
			data: units.map((u) => indicator(u, 'online_share')?.value ?? null),
			color: BLUE
		}
	];
	return {
		labels: units.map(name),
		axisLabels: units.map((u) => wrapLabel(name(u))),
		series,
		categoryLabel: t('progress.unit'),
		max: 100,
		horizontal: true,
		format: pct,
		axisFormat: pctTick
	};
}

export function unitsOnlineSummary(units: readonly UnitProgress[], name: NameOf): string {
	const list = units
		.map((u) => {
			const online = indicator(u, 'online_share')?.display ?? '';
			return `${name(u)}: ${online === '' ? t('progress.noValue') : localizePercent(i18n.lang, online)}`;
		})
		.join('; ');
	return t('progress.chart.unitsOnlineSummary', { list });
}

/** The conferences a unit (or the commune) organised in the period, as a whole number in words. */
export const heldOf = (u: UnitProgress): string =>
	whole(indicator(u, 'conferences_held')?.value ?? 0);

/** Conferences each unit organised in the period: counts apart from percentages. */
export function unitsHeldSpec(units: readonly UnitProgress[], name: NameOf): ChartSpec {
	return {
		labels: units.map(name),
		axisLabels: units.map((u) => wrapLabel(name(u))),
		series: [
			{
				label: t('progress.chart.unitsHeld'),
				kind: 'bar',
				data: units.map((u) => indicator(u, 'conferences_held')?.value ?? null),
				color: GREEN
			}
		],
		categoryLabel: t('progress.unit'),
		horizontal: true,
		wholeAxis: true,
		format: whole
	};
}

export function unitsHeldSummary(units: readonly UnitProgress[], name: NameOf): string {
	const list = units.map((u) => `${name(u)}: ${heldOf(u)}`).join('; ');
	return t('progress.chart.unitsHeldSummary', { list });
}
