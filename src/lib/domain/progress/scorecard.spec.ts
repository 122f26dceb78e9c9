import { describe, expect, it } from 'vitest';
import type { IndicatorCode, IndicatorStatus } from '../codes';
import { periodOf } from '../periods';
import { loadSampleCommune } from '$factories/sample-commune';
import { makeProgressInput } from '$factories/progress';
import { computeReport } from './report';
import { scorecard, scorecardEntry } from './scorecard';
import type { IndicatorResult, UnitProgress } from './types';

/** A unit whose indicators have the given statuses (target 60 unless the status is null). */
function unitWith(code: string, statuses: (IndicatorStatus | null)[]): UnitProgress {
	const codes: IndicatorCode[] = [
		'online_share',
		'conference_reduction',
		'document_reduction',
		'electronic_share',
		'digitized_share'
	];
	const indicators: IndicatorResult[] = statuses.map((status, i) => ({
		code: codes[i] ?? 'digitized_share',
		value: status === 'no_data' ? null : 50,
		display: status === 'no_data' ? '' : '50.0',
		target: status === null ? null : 60,
		status
	}));
	return {
		unitCode: code,
		indicators,
		conferencesLeft: null,
		documentsLeft: null,
		conferenceCap: null,
		documentCap: null,
		plannedConferences: null,
		planAboveCap: false,
		overLimitMeetingIds: []
	};
}

describe('scorecardEntry', () => {
	it('counts met and on_track as met, only targets with data as applicable, and lists the rest', () => {
		const e = scorecardEntry(unitWith('VP', ['met', 'on_track', 'missed', 'no_data', 'at_risk']));
		expect(e).toMatchObject({ unitCode: 'VP', met: 2, applicable: 4 });
		expect(e.missed).toEqual([
			{ code: 'document_reduction', display: '50.0', target: 60, status: 'missed', value: 50 },
			expect.objectContaining({
				code: 'digitized_share',
				display: '50.0',
				target: 60,
				status: 'at_risk',
				value: 50
			})
		]);
	});

	it('leaves out indicators without a target and counts off_track as missed', () => {
		const e = scorecardEntry(unitWith('VP', [null, 'off_track', null]));
		expect(e).toMatchObject({ met: 0, applicable: 1 });
		expect(e.missed.map((m) => m.status)).toEqual(['off_track']);
	});
});

describe('scorecard ranking', () => {
	const rank = (units: UnitProgress[]) =>
		scorecard({ units, commune: unitWith('*', []) }).units.map((e) => [e.unitCode, e.rank]);

	it('ranks by share met, higher first, compared exactly', () => {
		// 2/3 = 0.666.. above 3/5 = 0.6 although 3 > 2 targets met.
		expect(
			rank([
				unitWith('A', ['met', 'met', 'met', 'missed', 'missed']),
				unitWith('B', ['met', 'met', 'missed'])
			])
		).toEqual([
			['B', 1],
			['A', 2]
		]);
	});

	it('breaks an equal share by more targets met', () => {
		expect(
			rank([unitWith('A', ['met', 'met']), unitWith('B', ['met', 'met', 'met', 'met'])])
		).toEqual([
			['B', 1],
			['A', 2]
		]);
	});

	it('gives equal results the same rank, in report order, and skips the next rank (1, 1, 3)', () => {
		expect(
			rank([
				unitWith('A', ['met', 'missed']),
				unitWith('B', ['met', 'met']),
				unitWith('C', ['missed', 'met']),
				unitWith('D', ['met'])
			])
		).toEqual([
			['B', 1],
			['D', 2],
			['A', 3],
			['C', 3]
		]);
	});

	it('puts units with no applicable target last and unranked', () => {
		expect(
			rank([unitWith('E', ['no_data', null]), unitWith('A', ['missed']), unitWith('F', [])])
		).toEqual([
			['A', 1],
			['E', null],
			['F', null]
		]);
	});

	it('scores the commune apart, unranked', () => {
		const card = scorecard({ units: [], commune: unitWith('*', ['met', 'missed']) });
		expect(card.commune).toMatchObject({ unitCode: '*', met: 1, applicable: 2, rank: null });
	});
});

describe('scorecard of the sample commune, annual 2026 as of 20/12/2026', () => {
	it('agrees with the engine: every applicable indicator is met or listed missed', () => {
		const input = makeProgressInput(loadSampleCommune());
		const report = computeReport(input, periodOf('annual', 2026, 0, 'decree09'), '2026-12-20');
		const card = scorecard(report);
		expect(card.units).toHaveLength(report.units.length);
		for (const e of card.units) {
			const u = report.units.find((x) => x.unitCode === e.unitCode)!;
			const withData = u.indicators.filter(
				(i) => i.target !== null && i.status !== null && i.status !== 'no_data'
			);
			expect(e.applicable).toBe(withData.length);
			expect(e.met + e.missed.length).toBe(e.applicable);
			for (const m of e.missed) expect(['missed', 'off_track', 'at_risk']).toContain(m.status);
		}
		const ranks = card.units.map((e) => e.rank).filter((r) => r !== null);
		expect(ranks[0]).toBe(1);
		expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
	});

	it('counts incoming_electronic_share where the unit has incoming months, and only there', () => {
		const sample = loadSampleCommune();
		const card = (incoming: typeof sample.incoming) =>
			scorecard(
				computeReport(
					makeProgressInput({ ...sample, incoming }),
					periodOf('annual', 2026, 0, 'decree09'),
					'2026-12-20'
				)
			);
		const withRegister = card(sample.incoming);
		const without = card([]);
		const entry = (c: ReturnType<typeof scorecard>, code: string) =>
			c.units.find((e) => e.unitCode === code)!;
		// KT received 94.1% electronically against 95: one more applicable target, missed.
		expect(entry(withRegister, 'KT').applicable).toBe(entry(without, 'KT').applicable + 1);
		expect(entry(withRegister, 'KT').missed).toContainEqual(
			expect.objectContaining({
				code: 'incoming_electronic_share',
				display: '94.1',
				target: 95,
				status: 'missed'
			})
		);
		// VP's 95.0% meets it.
		expect(entry(withRegister, 'VP').met).toBe(entry(without, 'VP').met + 1);
		// A hamlet with no incoming month: the indicator does not apply.
		expect(entry(withRegister, 'THON01').applicable).toBe(entry(without, 'THON01').applicable);
	});
});
