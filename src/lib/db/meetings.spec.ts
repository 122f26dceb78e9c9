import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import {
	deleteMeeting,
	getMeeting,
	listMeetings,
	listMeetingsChecked,
	overdueMeetingsFilter
} from './meetings';
import { saveMeeting, type MeetingInput } from './meetings-write';
import { localToMs } from '$lib/domain/time';
import { groupByMonth } from '$lib/domain/group';

let db: AppDatabase;
let n = 0;
const clock: Clock = { now: () => localToMs('2026-03-10', '09:00'), newId: () => `id-${++n}` };

function input(over: Partial<MeetingInput> = {}): MeetingInput {
	return {
		unitCode: 'VP',
		title: 'Hội nghị sơ kết',
		category: 'chuyen_mon',
		format: 'truc_tiep',
		paperless: false,
		status: 'held',
		sittings: [{ start: localToMs('2026-03-02', '07:30'), end: localToMs('2026-03-02', '11:30') }],
		plannedMinutes: null,
		attendees: 20,
		chair: '',
		location: '',
		notes: '',
		agenda: [],
		...over
	};
}

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('saveMeeting', () => {
	it('stores a valid meeting with its local date, timestamps and one outbox entry in the same write', async () => {
		const r = await saveMeeting(
			db,
			input({
				sittings: [
					{ start: localToMs('2026-03-01', '00:30'), end: localToMs('2026-03-01', '02:00') }
				]
			}),
			clock
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.date).toBe('2026-03-01');
		expect(r.value.createdAt).toBe(clock.now());
		expect(await db.meetings.count()).toBe(1);
		const outbox = await db.outbox.toArray();
		expect(outbox).toHaveLength(1);
		expect(outbox[0]).toMatchObject({ entity: 'meeting', recordId: r.value.id, op: 'put' });
	});

	it('writes nothing and reports field errors for a half-valid meeting', async () => {
		const r = await saveMeeting(db, input({ title: '  ', sittings: [] }), clock);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.errors.title).toBe('err.required');
		expect(r.errors.sittings).toBe('err.sittingsRequired');
		expect(await db.meetings.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});

	it('refuses a sitting that ends before it starts and overlapping sittings', async () => {
		const at = (time: string) => localToMs('2026-03-02', time);
		const a = await saveMeeting(
			db,
			input({ sittings: [{ start: at('08:00'), end: at('07:00') }] }),
			clock
		);
		expect(a.ok ? null : a.errors['sittings.0.end']).toBe('err.endBeforeStart');
		const b = await saveMeeting(
			db,
			input({
				sittings: [
					{ start: at('08:00'), end: at('10:00') },
					{ start: at('09:00'), end: at('11:00') }
				]
			}),
			clock
		);
		expect(b.ok ? null : b.errors['sittings.1.start']).toBe('err.sittingOverlap');
	});

	it('updates in place on a second save with the same id and keeps createdAt', async () => {
		const first = await saveMeeting(db, input(), clock);
		if (!first.ok) throw new Error('first save failed');
		const later: Clock = { ...clock, now: () => clock.now() + 60_000 };
		const second = await saveMeeting(db, input({ id: first.value.id, title: 'Đổi tên' }), later);
		if (!second.ok) throw new Error('second save failed');
		expect(await db.meetings.count()).toBe(1);
		expect(second.value.createdAt).toBe(first.value.createdAt);
		expect(second.value.updatedAt).toBe(clock.now() + 60_000);
		expect((await getMeeting(db, first.value.id))?.title).toBe('Đổi tên');
	});
});

describe('deleteMeeting', () => {
	it('keeps a tombstone for sync and hides the meeting from reads and lists', async () => {
		const r = await saveMeeting(db, input(), clock);
		if (!r.ok) throw new Error('save failed');
		expect(await deleteMeeting(db, r.value.id, clock)).toBe(true);
		expect((await db.meetings.get(r.value.id))?.deleted).toBe(true);
		expect(await getMeeting(db, r.value.id)).toBeUndefined();
		expect(await listMeetings(db)).toHaveLength(0);
		// Both entries are kept (outbox keys are ids, so compare without their order).
		expect((await db.outbox.toArray()).map((o) => o.op).sort()).toEqual(['delete', 'put']);
		expect(await deleteMeeting(db, r.value.id, clock)).toBe(false);
	});
});

describe('listMeetings', () => {
	it('filters by unit and date range through the index, and by category, format and status', async () => {
		const day = (d: string) => [{ start: localToMs(d, '08:00'), end: localToMs(d, '09:00') }];
		await saveMeeting(db, input({ unitCode: 'VP', sittings: day('2026-01-05') }), clock);
		await saveMeeting(
			db,
			input({ unitCode: 'VP', sittings: day('2026-02-05'), format: 'truc_tuyen' }),
			clock
		);
		await saveMeeting(
			db,
			input({ unitCode: 'KT', sittings: day('2026-02-06'), category: 'hop' }),
			clock
		);
		await saveMeeting(
			db,
			input({ unitCode: 'KT', sittings: day('2026-02-07'), status: 'cancelled' }),
			clock
		);

		expect(await listMeetings(db, { unitCode: 'VP' })).toHaveLength(2);
		expect(await listMeetings(db, { from: '2026-02-01', to: '2026-02-06' })).toHaveLength(2);
		expect(await listMeetings(db, { unitCode: 'KT', category: 'hop' })).toHaveLength(1);
		expect(await listMeetings(db, { format: 'truc_tuyen' })).toHaveLength(1);
		expect(await listMeetings(db, { status: 'cancelled' })).toHaveLength(1);
		const all = await listMeetings(db);
		expect(all.map((m) => m.date)).toEqual([
			'2026-02-07',
			'2026-02-06',
			'2026-02-05',
			'2026-01-05'
		]);
	});
});

describe('a record that fails the schema (older data, a restored backup)', () => {
	it('is left out of the list and flagged; the other meetings still list, one group per month', async () => {
		const day = (d: string) => [{ start: localToMs(d, '08:00'), end: localToMs(d, '09:00') }];
		for (const d of ['2026-03-02', '2026-02-20', '2026-01-15']) {
			const r = await saveMeeting(db, input({ sittings: day(d), title: `Họp ${d}` }), clock);
			if (!r.ok) throw new Error(JSON.stringify(r.errors));
		}
		const good = (await db.meetings.toArray())[0]!;
		// Written straight into IndexedDB, as an older app or a restore could have left them:
		// a date that is not the first sitting's local date, and a sitting ending at 9e15 ms.
		await db.meetings.bulkPut([
			{
				...good,
				id: 'bad-date',
				title: 'Sai ngày',
				date: '2026-03-05',
				sittings: day('2026-02-20')
			},
			{
				...good,
				id: 'far',
				title: 'Sai giờ',
				sittings: [{ start: good.sittings[0]!.start, end: 9e15 }]
			}
		]);
		const { meetings, invalid } = await listMeetingsChecked(db);
		expect(meetings.map((m) => m.title)).toEqual([
			'Họp 2026-03-02',
			'Họp 2026-02-20',
			'Họp 2026-01-15'
		]);
		expect(invalid.map((i) => [i.key, i.label, i.path, i.reason]).sort()).toEqual([
			['bad-date', 'Sai ngày', 'date', 'err.dateMismatch'],
			['far', 'Sai giờ', 'sittings.0.end', 'err.instantRange']
		]);
		const keys = groupByMonth(meetings, (m) => m.date).map((g) => g.key);
		expect(keys).toEqual(['2026-03', '2026-02', '2026-01']);
		expect(await listMeetings(db)).toHaveLength(3);
	});
});

describe('meetings still planned or in progress after their day (the reminder on /meetings and /dashboard)', () => {
	it('lists only planned and in-progress meetings before today, of the unit when one is given, not deleted', async () => {
		const on = (date: string, over: Partial<MeetingInput> = {}) =>
			saveMeeting(
				db,
				input({
					title: `${over.status ?? 'planned'} ${date} ${over.unitCode ?? 'VP'}`,
					status: 'planned',
					sittings: [{ start: localToMs(date, '08:00'), end: null }],
					attendees: null,
					...over
				}),
				clock
			);
		await on('2025-12-19');
		await on('2026-03-09');
		await on('2026-03-09', { unitCode: 'KT' });
		await on('2026-03-10'); // today: not past yet
		await on('2026-03-11');
		await on('2026-03-02', {
			status: 'held',
			sittings: [{ start: localToMs('2026-03-02', '08:00'), end: localToMs('2026-03-02', '09:00') }]
		});
		await on('2026-03-03', { status: 'cancelled' });
		// Begun on an earlier day and never ended ("Kết thúc cuộc họp" forgotten): past too.
		await on('2026-03-05', { status: 'in_progress' });
		await on('2026-03-10', { status: 'in_progress', unitCode: 'KT' }); // running today
		const gone = await on('2026-03-04');
		if (gone.ok) await deleteMeeting(db, gone.value.id, clock);

		const titles = async (unit: string | null) =>
			(await listMeetingsChecked(db, overdueMeetingsFilter('2026-03-10', unit))).meetings.map(
				(m) => m.title
			);
		expect((await titles(null)).sort()).toEqual([
			'in_progress 2026-03-05 VP',
			'planned 2025-12-19 VP',
			'planned 2026-03-09 KT',
			'planned 2026-03-09 VP'
		]);
		expect(await titles('KT')).toEqual(['planned 2026-03-09 KT']);
		// A day later, the meeting of 10/03 is past too.
		expect(
			(await listMeetingsChecked(db, overdueMeetingsFilter('2026-03-11'))).meetings
		).toHaveLength(6);
	});
});
