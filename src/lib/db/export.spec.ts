import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { saveMeeting, type MeetingInput } from './meetings-write';
import { exportCsv } from './export';
import { localToMs } from '$lib/domain/time';

let db: AppDatabase;
let n = 0;
const clock: Clock = { now: () => localToMs('2026-03-10', '09:00'), newId: () => `id-${++n}` };

function input(d: string, title: string): MeetingInput {
	return {
		unitCode: 'VP',
		title,
		category: 'hop',
		format: 'truc_tiep',
		paperless: false,
		status: 'held',
		sittings: [{ start: localToMs(d, '08:00'), end: localToMs(d, '09:00') }],
		plannedMinutes: null,
		attendees: 10,
		chair: '',
		location: '',
		notes: '',
		agenda: []
	};
}

beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('exportCsv', () => {
	it('meetings.csv keeps every good row and reports a meeting with a sitting at 9e15 ms', async () => {
		for (const [d, title] of [
			['2026-03-02', 'Giao ban tháng 3'],
			['2026-02-02', 'Giao ban tháng 2']
		] as const) {
			const r = await saveMeeting(db, input(d, title), clock);
			if (!r.ok) throw new Error(JSON.stringify(r.errors));
		}
		const good = (await db.meetings.toArray())[0]!;
		await db.meetings.put({
			...good,
			id: 'far',
			title: 'Phiên kết thúc năm 285.000',
			sittings: [{ start: good.sittings[0]!.start, end: 9e15 }]
		});
		const out = await exportCsv(db, 'meetings');
		const rows = Papa.parse<Record<string, string>>(out.text.slice(1), {
			header: true
		}).data.filter((r) => r.id);
		expect(rows.map((r) => r.title).sort()).toEqual(['Giao ban tháng 2', 'Giao ban tháng 3']);
		expect(out.skipped).toEqual([
			{
				entity: 'meeting',
				key: 'far',
				label: 'Phiên kết thúc năm 285.000',
				path: 'sittings.0.end',
				reason: 'err.instantRange'
			}
		]);
	});
});
