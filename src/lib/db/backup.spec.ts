import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSampleFile } from '$factories/sample-commune';
import { makeDocument, makeMeeting, makeUnit } from '$factories/records';
import { parseBackup, type Backup } from '$lib/csv/backup';
import { localToMs } from '$lib/domain/time';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { importFiles } from './import';
import { createBackup, restoreBackup, summarizeBackup } from './backup';
import { readSnapshot } from './snapshot';
import { saveSettings } from './settings-write';

const dbs: AppDatabase[] = [];
const freshDb = (seedClock?: Clock): AppDatabase => {
	const db = new AppDatabase(`test-${Math.random()}`, { seedClock });
	dbs.push(db);
	return db;
};
let n = 0;
let now = 0;
const clock: Clock = { now: () => now, newId: () => `id-${++n}` };

const T1 = localToMs('2026-11-20', '08:00');
const T2 = localToMs('2026-11-25', '08:00');
const T3 = localToMs('2026-11-30', '08:00');

beforeEach(() => {
	now = T1;
});
afterEach(async () => {
	for (const db of dbs.splice(0)) {
		db.close();
		await db.delete();
	}
});

function parsed(text: string): Backup {
	const r = parseBackup(text);
	if (!r.ok) throw new Error(r.error);
	return r.backup;
}

describe('the office built in under its earlier name', () => {
	it("is still an untouched default: a backup with the commune's own name replaces it", async () => {
		const a = freshDb(clock);
		const vp = await a.units.get('VP');
		if (!vp) throw new Error('no VP');
		await a.units.put({ ...vp, name: 'Văn phòng Đảng ủy - HĐND - UBND', updatedAt: T1 + 1 });
		const { text } = await createBackup(a, clock);
		// A phone set up by an earlier version, later than the backup, never edited.
		now = T3;
		const b = freshDb(clock);
		const seeded = await b.units.get('VP');
		if (!seeded) throw new Error('no VP');
		await b.units.put({ ...seeded, name: 'Văn phòng HĐND & UBND xã' });
		await restoreBackup(b, parsed(text), clock);
		expect((await b.units.get('VP'))?.name).toBe('Văn phòng Đảng ủy - HĐND - UBND');
	});
});

describe('backup round trip', () => {
	it('restores everything, tombstones and settings included, into a fresh device', async () => {
		const a = freshDb();
		const kinds = ['units', 'plans', 'meetings', 'documents', 'procedures', 'incoming'];
		await importFiles(
			a,
			kinds.map((k) => ({ name: `${k}.csv`, text: readSampleFile(`${k}.csv`) })),
			clock
		);
		await a.documents.put(makeDocument({ id: 'gone', unitCode: 'VP', deleted: true }));
		const saved = await saveSettings(a, { communeName: 'Xã Mẫu' }, clock);
		expect(saved.ok).toBe(true);
		const kt = await a.units.get('KT');
		if (!kt) throw new Error('no KT');
		await a.units.put({ ...kt, name: 'Phòng Kinh tế - Hạ tầng', updatedAt: T1 + 60_000 });

		now = T2;
		const { text, filename } = await createBackup(a, clock);
		expect(filename).toBe('so-hop-534-sao-luu-2026-11-25.json');
		const backup = parsed(text);
		expect(summarizeBackup(backup)).toEqual({
			settings: true,
			units: { live: 11, deleted: 0 },
			plans: { live: 11, deleted: 0 },
			meetings: { live: 83, deleted: 0 },
			documents: { live: 637, deleted: 1 },
			procedures: { live: 60, deleted: 0 },
			incoming: { live: 60, deleted: 0 },
			reports: { live: 0, deleted: 0 }
		});

		// A fresh device already holds the built-in units, created later than the backup's: the
		// untouched defaults that equal the backup stay; the renamed one is restored, and so is the
		// office, whose built-in name is now written "và" where the sample commune keeps "&".
		now = T3;
		const b = freshDb(clock);
		expect((await b.units.get('VP'))?.name).toBe('Văn phòng HĐND và UBND xã');
		const result = await restoreBackup(b, backup, clock);
		expect(result.written).toEqual({
			units: 2,
			plans: 11,
			meetings: 83,
			documents: 638,
			procedures: 60,
			incoming: 60,
			reports: 0
		});
		expect(result.kept).toBe(9);
		expect(result.settings).toBe('restored');
		expect((await b.units.get('VP'))?.name).toBe('Văn phòng HĐND & UBND xã');
		const [sa, sb] = [await readSnapshot(a, true), await readSnapshot(b, true)];
		const unitView = (u: (typeof sa.units)[number]) => [
			u.code,
			u.name,
			u.kind,
			u.order,
			u.archived
		];
		expect(sb.units.map(unitView)).toEqual(sa.units.map(unitView));
		expect((await b.units.get('KT'))?.name).toBe('Phòng Kinh tế - Hạ tầng');
		expect({ ...sb, units: [] }).toEqual({ ...sa, units: [] });
		const outbox = await b.outbox.toArray();
		expect(outbox).toHaveLength(2 + 11 + 83 + 638 + 60 + 60 + 1);
		expect(outbox.find((o) => o.recordId === 'gone')?.op).toBe('delete');

		// Restoring the same backup again changes nothing.
		const again = await restoreBackup(b, backup, clock);
		expect(Object.values(again.written).every((w) => w === 0)).toBe(true);
		expect(again.settings).toBe('kept');
	});
});

describe('restore rule', () => {
	it('keeps newer device records, replaces older ones, adds missing ones, never removes or hides', async () => {
		const a = freshDb();
		await a.units.put(makeUnit({ code: 'VP' }));
		await a.meetings.bulkPut([
			makeMeeting({ id: 'older-on-device', unitCode: 'VP', title: 'Sao lưu', updatedAt: T2 }),
			makeMeeting({ id: 'newer-on-device', unitCode: 'VP', title: 'Sao lưu', updatedAt: T2 }),
			makeMeeting({ id: 'only-in-backup', unitCode: 'VP', title: 'Sao lưu', updatedAt: T2 }),
			makeMeeting({
				id: 'deleted-in-backup',
				unitCode: 'VP',
				title: 'Sao lưu',
				updatedAt: T3,
				deleted: true
			})
		]);
		const backup = parsed((await createBackup(a, clock)).text);

		const b = freshDb();
		await b.units.put(makeUnit({ code: 'VP' }));
		await b.meetings.bulkPut([
			makeMeeting({ id: 'older-on-device', unitCode: 'VP', title: 'Máy', updatedAt: T1 }),
			makeMeeting({ id: 'newer-on-device', unitCode: 'VP', title: 'Máy', updatedAt: T3 }),
			makeMeeting({ id: 'only-on-device', unitCode: 'VP', title: 'Máy', updatedAt: T1 }),
			makeMeeting({ id: 'deleted-in-backup', unitCode: 'VP', title: 'Máy', updatedAt: T1 })
		]);
		const result = await restoreBackup(b, backup, clock);
		expect(result.written.meetings).toBe(2);
		const titles = Object.fromEntries(
			(await b.meetings.toArray()).map((m) => [m.id, [m.title, m.deleted]])
		);
		expect(titles).toEqual({
			'older-on-device': ['Sao lưu', false],
			'newer-on-device': ['Máy', false],
			'only-in-backup': ['Sao lưu', false],
			'only-on-device': ['Máy', false],
			'deleted-in-backup': ['Máy', false]
		});
		// The unit was equal on both sides (same updatedAt): kept, not rewritten.
		expect(result.written.units).toBe(0);
		expect((await b.outbox.toArray()).map((o) => o.recordId).sort()).toEqual([
			'older-on-device',
			'only-in-backup'
		]);
	});

	it('keeps newer settings on the device', async () => {
		const a = freshDb();
		await saveSettings(a, { communeName: 'Cũ' }, clock);
		const backup = parsed((await createBackup(a, clock)).text);
		const b = freshDb();
		now = T2;
		await saveSettings(b, { communeName: 'Mới' }, clock);
		expect((await restoreBackup(b, backup, clock)).settings).toBe('kept');
		expect((await b.settings.get('settings'))?.communeName).toBe('Mới');
	});
});

describe('a backup of a device holding a record that fails its schema', () => {
	it('still restores: the bad record is set apart in the file, listed, and ignored by restore', async () => {
		const a = freshDb(clock);
		const good = makeMeeting({ id: 'good', title: 'Giao ban' });
		await a.meetings.bulkPut([
			good,
			// Straight into IndexedDB, as an older app could have left it.
			{
				...good,
				id: 'far',
				title: 'Sai giờ',
				sittings: [{ start: good.sittings[0]!.start, end: 9e15 }]
			}
		]);
		const { text, skipped } = await createBackup(a, clock);
		expect(skipped.map((r) => [r.key, r.reason])).toEqual([['far', 'err.instantRange']]);
		const json = JSON.parse(text) as { invalidRecords: { meetings: { id: string }[] } };
		expect(json.invalidRecords.meetings.map((m) => m.id)).toEqual(['far']);
		const backup = parsed(text);
		expect(backup.data.meetings.map((m) => m.id)).toEqual(['good']);
		const b = freshDb();
		await restoreBackup(b, backup, clock);
		expect((await b.meetings.toArray()).map((m) => m.id)).toEqual(['good']);
	});
});
