import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { saveMeeting, type MeetingInput } from './meetings-write';
import { runMeeting } from './meeting-run';
import { listRunningMeetings } from './meetings-running';
import { durationMs } from '$lib/domain/meeting';
import { localToMs } from '$lib/domain/time';

const MIN = 60_000;
let db: AppDatabase;
let n = 0;
let now = localToMs('2026-03-10', '08:00');
const clock: Clock = { now: () => now, newId: () => `id-${++n}` };

function input(over: Partial<MeetingInput> = {}): MeetingInput {
	return {
		unitCode: 'VP',
		title: 'Hội nghị chuyên môn',
		category: 'chuyen_mon',
		format: 'truc_tiep',
		paperless: false,
		status: 'planned',
		sittings: [{ start: localToMs('2026-03-10', '07:30'), end: localToMs('2026-03-10', '11:30') }],
		plannedMinutes: 240,
		attendees: null,
		chair: '',
		location: '',
		notes: '',
		agenda: [
			{ id: 'a1', title: 'Báo cáo', kind: 'presentation', plannedMinutes: 30, spans: [] },
			{ id: 'a2', title: 'Thảo luận', kind: 'discussion', plannedMinutes: 60, spans: [] }
		],
		...over
	};
}

async function planned(over: Partial<MeetingInput> = {}): Promise<string> {
	const r = await saveMeeting(db, input(over), clock);
	if (!r.ok) throw new Error(JSON.stringify(r.errors));
	return r.value.id;
}

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
	now = localToMs('2026-03-10', '08:00');
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('runMeeting', () => {
	it('start replaces the planned schedule with a running sitting and writes an outbox entry', async () => {
		const id = await planned();
		const before = await db.outbox.count();
		const r = await runMeeting(db, id, { type: 'start' }, clock);
		expect(r.ok).toBe(true);
		const m = (await db.meetings.get(id))!;
		expect(m.status).toBe('in_progress');
		expect(m.sittings).toEqual([{ start: now, end: null }]);
		expect(await db.outbox.count()).toBe(before + 1);
		expect((await runMeeting(db, id, { type: 'start' }, clock)).ok).toBe(false);
	});

	it('end sitting, next sitting the next day, end meeting: durations add up and it is held', async () => {
		const id = await planned();
		await runMeeting(db, id, { type: 'start' }, clock);
		now += 300 * MIN;
		expect((await runMeeting(db, id, { type: 'endSitting' }, clock)).ok).toBe(true);
		expect((await runMeeting(db, id, { type: 'endSitting' }, clock)).ok).toBe(false);
		now += 24 * 60 * MIN;
		expect((await runMeeting(db, id, { type: 'nextSitting' }, clock)).ok).toBe(true);
		now += 200 * MIN;
		const r = await runMeeting(db, id, { type: 'end' }, clock);
		expect(r.ok).toBe(true);
		const m = (await db.meetings.get(id))!;
		expect(m.status).toBe('held');
		expect(m.sittings).toHaveLength(2);
		expect(durationMs(m.sittings)).toBe(500 * MIN);
		expect(m.date).toBe('2026-03-10');
	});

	it('next sitting is refused while one runs; end sitting is refused when nothing runs', async () => {
		const id = await planned();
		expect((await runMeeting(db, id, { type: 'endSitting' }, clock)).ok).toBe(false);
		await runMeeting(db, id, { type: 'start' }, clock);
		const r = await runMeeting(db, id, { type: 'nextSitting' }, clock);
		expect(r).toEqual({ ok: false, errors: { _: 'meetingrun.err.notPaused' } });
	});

	it('the current agenda item records spans; ending the sitting closes it and resuming reopens it', async () => {
		const id = await planned();
		await runMeeting(db, id, { type: 'start' }, clock);
		await runMeeting(db, id, { type: 'setCurrentItem', itemId: 'a1' }, clock);
		now += 20 * MIN;
		await runMeeting(db, id, { type: 'setCurrentItem', itemId: 'a2' }, clock);
		now += 10 * MIN;
		await runMeeting(db, id, { type: 'endSitting' }, clock);
		let m = (await db.meetings.get(id))!;
		expect(m.agenda[0]!.spans).toEqual([{ start: now - 30 * MIN, end: now - 10 * MIN }]);
		expect(m.agenda[1]!.spans).toEqual([{ start: now - 10 * MIN, end: now }]);
		now += 60 * MIN;
		await runMeeting(db, id, { type: 'nextSitting' }, clock);
		m = (await db.meetings.get(id))!;
		expect(m.agenda[1]!.spans.at(-1)).toEqual({ start: now, end: null });
		expect(m.agenda[0]!.spans).toHaveLength(1);
	});

	it('a mark is stamped at the instant of the tap, not when the stored record has been read', async () => {
		// The tap calls runMeeting; the record is read from IndexedDB before anything is written.
		// A busy phone (or a sync transaction holding the table) can delay that read: the time
		// passing meanwhile must not move the mark.
		const id = await planned();
		await runMeeting(db, id, { type: 'start' }, clock);
		now += 20 * MIN;
		const tapped = now;
		const marking = runMeeting(db, id, { type: 'setCurrentItem', itemId: 'a1' }, clock);
		now += 40 * MIN; // the read is still in flight
		expect((await marking).ok).toBe(true);
		const m = (await db.meetings.get(id))!;
		expect(m.agenda[0]!.spans).toEqual([{ start: tapped, end: null }]);
	});

	it('marking an unknown item or marking while paused is refused and writes nothing', async () => {
		const id = await planned();
		const before = await db.outbox.count();
		expect((await runMeeting(db, id, { type: 'setCurrentItem', itemId: 'zz' }, clock)).ok).toBe(
			false
		);
		expect((await runMeeting(db, id, { type: 'setCurrentItem', itemId: 'a1' }, clock)).ok).toBe(
			false
		);
		expect(await db.outbox.count()).toBe(before);
	});

	it('editing the agenda keeps recorded spans and validates titles', async () => {
		const id = await planned();
		await runMeeting(db, id, { type: 'start' }, clock);
		await runMeeting(db, id, { type: 'setCurrentItem', itemId: 'a1' }, clock);
		const agenda = [
			{
				id: 'a1',
				title: 'Báo cáo mới',
				kind: 'presentation' as const,
				plannedMinutes: 45,
				spans: []
			},
			{ id: 'a3', title: 'Kết luận', kind: 'presentation' as const, plannedMinutes: 10, spans: [] }
		];
		expect((await runMeeting(db, id, { type: 'setAgenda', agenda }, clock)).ok).toBe(true);
		const m = (await db.meetings.get(id))!;
		expect(m.agenda.map((a) => [a.id, a.title, a.spans.length])).toEqual([
			['a1', 'Báo cáo mới', 1],
			['a3', 'Kết luận', 0]
		]);
		const bad = await runMeeting(
			db,
			id,
			{ type: 'setAgenda', agenda: [{ ...agenda[0]!, title: ' ' }] },
			clock
		);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(bad.errors['agenda.0.title']).toBe('err.required');
	});
});

describe('listRunningMeetings', () => {
	it('leaves out a running meeting that fails the schema (its times cannot time a notification)', async () => {
		const id = await planned();
		await runMeeting(db, id, { type: 'start' }, clock);
		const good = (await db.meetings.get(id))!;
		await db.meetings.put({ ...good, id: 'old', sittings: [{ start: 1000, end: null }] });
		expect((await listRunningMeetings(db)).map((m) => m.id)).toEqual([id]);
	});
});
