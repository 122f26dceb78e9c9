import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '$lib/domain/schemas';
import {
	currentItem,
	dueThresholds,
	planState,
	thresholdsUpTo,
	timerState,
	upcomingThresholds
} from './thresholds';

const MIN = 60_000;
const T0 = Date.UTC(2026, 4, 4, 1, 0, 0); // 08:00 UTC+7
const at = (minutes: number) => T0 + minutes * MIN;
const run = (now: number, limitMinutes: number | null = 480, lead = 15) => ({
	sittings: [{ start: T0, end: null }],
	limitMinutes,
	warningLeadMinutes: lead,
	now
});

describe('timerState', () => {
	it('counts down to the limit, turns to warning within the lead time and counts overtime past it', () => {
		expect(timerState(run(at(100)))).toMatchObject({
			elapsedMs: 100 * MIN,
			remainingMs: 380 * MIN,
			phase: 'ok',
			running: true
		});
		expect(timerState(run(at(464))).phase).toBe('ok');
		expect(timerState(run(at(465))).phase).toBe('warning');
		expect(timerState(run(at(480))).phase).toBe('warning');
		expect(timerState(run(at(481)))).toMatchObject({ phase: 'over', overtimeMs: MIN });
	});

	it('adds closed sittings across days and ignores the gap between them', () => {
		const s = timerState({
			sittings: [
				{ start: at(0), end: at(300) },
				{ start: at(24 * 60), end: null }
			],
			limitMinutes: 480,
			warningLeadMinutes: 15,
			now: at(24 * 60 + 200)
		});
		expect(s.elapsedMs).toBe(500 * MIN);
		expect(s.phase).toBe('over');
		expect(s.overtimeMs).toBe(20 * MIN);
	});

	it('has no countdown without a limit', () => {
		expect(timerState(run(at(900), null))).toMatchObject({ phase: 'none', remainingMs: null });
	});
});

describe('dueThresholds', () => {
	it('nothing is due before the warning; the next one is the warning at limit minus lead', () => {
		const r = dueThresholds(run(at(400)), new Set());
		expect(r.due).toEqual([]);
		expect(r.next?.key).toBe('warning');
		expect(r.nextAt).toBe(at(465));
	});

	it('the warning is due at 7 h 45 min, then the limit at 8 h, then every 30 min of overtime', () => {
		expect(dueThresholds(run(at(465)), new Set()).show?.key).toBe('warning');
		expect(dueThresholds(run(at(480)), new Set(['warning'])).due.map((t) => t.key)).toEqual([
			'limit'
		]);
		const over = dueThresholds(run(at(545)), new Set(['warning', 'limit', 'over-30']));
		expect(over.due.map((t) => t.key)).toEqual(['over-60']);
		expect(over.show?.overtimeMinutes).toBe(60);
		expect(over.next?.key).toBe('over-90');
		expect(over.nextAt).toBe(at(570));
	});

	it('after a gap (app closed), everything passed is due but only the latest is shown', () => {
		const r = dueThresholds(run(at(515)), new Set());
		expect(r.due.map((t) => t.key)).toEqual(['warning', 'limit', 'over-30']);
		expect(r.show?.key).toBe('over-30');
	});

	it('already notified thresholds are never due again', () => {
		expect(dueThresholds(run(at(470)), new Set(['warning'])).due).toEqual([]);
	});

	it('a paused meeting has a next threshold but no wall-clock time for it', () => {
		const r = dueThresholds(
			{ ...run(at(600)), sittings: [{ start: T0, end: at(300) }] },
			new Set()
		);
		expect(r.due).toEqual([]);
		expect(r.next?.key).toBe('warning');
		expect(r.nextAt).toBeNull();
	});

	it('no limit, no thresholds; a lead not below the limit gives no warning', () => {
		expect(dueThresholds(run(at(2000), null), new Set()).next).toBeNull();
		expect(thresholdsUpTo(10, 15, 0).map((t) => t.key)).toEqual(['limit', 'over-30']);
		expect(thresholdsUpTo(480, 0, 0).map((t) => t.key)).toEqual(['limit', 'over-30']);
	});
});

describe('upcomingThresholds', () => {
	it('lists wall-clock times still ahead of a running meeting', () => {
		const list = upcomingThresholds(run(at(470)), 2);
		expect(list.map((u) => [u.threshold.key, (u.at - T0) / MIN])).toEqual([
			['limit', 480],
			['over-30', 510],
			['over-60', 540]
		]);
		expect(upcomingThresholds({ ...run(at(10)), sittings: [{ start: T0, end: at(5) }] })).toEqual(
			[]
		);
	});
});

const item = (
	id: string,
	kind: AgendaItem['kind'],
	plannedMinutes: number,
	spans: AgendaItem['spans']
): AgendaItem => ({ id, title: id, kind, plannedMinutes, spans });

describe('planState', () => {
	it('an item finished early puts the meeting ahead; the current item counts once it overruns', () => {
		const agenda = [
			item('a', 'presentation', 30, [{ start: at(0), end: at(20) }]),
			item('b', 'discussion', 60, [{ start: at(20), end: null }]),
			item('c', 'presentation', 30, [])
		];
		expect(currentItem(agenda)?.id).toBe('b');
		expect(planState(agenda, at(50)).deviationMs).toBe(-10 * MIN);
		expect(planState(agenda, at(100)).deviationMs).toBe(10 * MIN);
		const s = planState(agenda, at(100));
		expect(s.plannedMs).toBe(120 * MIN);
		expect(s.actualMs).toBe(100 * MIN);
		expect(s.discussionShare).toBeCloseTo(0.8);
	});

	it('discussion share is null before any time is recorded', () => {
		expect(planState([item('a', 'discussion', 10, [])], at(0)).discussionShare).toBeNull();
	});
});
