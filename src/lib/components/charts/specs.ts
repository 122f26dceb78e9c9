/** Chart figures from the engine's results (pure apart from the texts). */
import type { MonthPoint, UnitProgress } from '$lib/domain/progress';
import { t } from '$lib/i18n/index.svelte';
import type { ChartSpec } from './types';

const BLUE = '#1457b8';
const RED = '#a5161a';
const GREEN = '#1e6b34';
const GREY = '#555555';

const pct = (n: number): string => `${n.toFixed(1)}%`;
const oneDecimal = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const monthLabels = (points: readonly MonthPoint[]): string[] =>
	points.map((p) => t('progress.monthN', { n: p.month }));
const monthAxis = (points: readonly MonthPoint[]): string[] =>
	points.map((p) => t('progress.monthShort', { n: p.month }));

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
				data: points.map((p) => (p.pace === null ? null : Math.round(p.pace * 10) / 10)),
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
		cap: oneDecimal(last.pace),
		pace: current?.pace === null || current === undefined ? '—' : oneDecimal(current.pace)
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
		format: pct
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

/** Conferences held and online share of each unit (and the commune) in the period. */
export function unitsSpec(units: readonly UnitProgress[], communeLabel: string): ChartSpec {
	const label = (u: UnitProgress) => (u.unitCode === '*' ? communeLabel : u.unitCode);
	return {
		labels: units.map(label),
		series: [
			{
				label: t('progress.chart.unitsOnline'),
				kind: 'bar',
				data: units.map((u) => indicator(u, 'online_share')?.value ?? null),
				color: BLUE
			},
			{
				label: t('progress.chart.unitsHeld'),
				kind: 'bar',
				data: units.map((u) => indicator(u, 'conferences_held')?.value ?? null),
				color: GREEN
			}
		],
		categoryLabel: t('progress.unit'),
		format: oneDecimal
	};
}

export function unitsSummary(units: readonly UnitProgress[], communeLabel: string): string {
	const list = units
		.map((u) => {
			const held = indicator(u, 'conferences_held')?.display ?? '0';
			const online = indicator(u, 'online_share')?.display ?? '';
			const name = u.unitCode === '*' ? communeLabel : u.unitCode;
			return `${name}: ${held}${online === '' ? '' : `, ${online}%`}`;
		})
		.join('; ');
	return t('progress.chart.unitsSummary', { list });
}
