import { describe, expect, it } from 'vitest';
import type { Unit } from '../domain/schemas';
import { type BackupData, makeBackup, parseBackup } from './backup';
import { NOW, vn } from './test-support';

const meta = { createdAt: 1, updatedAt: 2, deleted: false };

const data: BackupData = {
	units: [
		{ code: 'VP', name: 'Văn phòng', kind: 'department', archived: false, order: 0, ...meta },
		{
			code: 'OLD',
			name: 'Đã xóa',
			kind: 'hamlet',
			archived: true,
			order: 1,
			...meta,
			deleted: true
		}
	],
	plans: [
		{
			id: 'VP:2026',
			unitCode: 'VP',
			year: 2026,
			baselineConferences: 20,
			baselineDocuments: null,
			plannedConferences: 17,
			baselineMonths: 12,
			...meta
		}
	],
	meetings: [
		{
			id: 'm-1',
			unitCode: 'VP',
			title: 'Giao ban',
			category: 'hop',
			format: 'truc_tiep',
			role: 'chu_tri',
			paperless: true,
			status: 'held',
			sittings: [{ start: vn(2026, 1, 5, 7, 30, 10) + 1, end: vn(2026, 1, 5, 9, 0) }],
			plannedMinutes: 60,
			attendees: 12,
			chair: 'Chủ tịch',
			location: 'Hội trường',
			notes: 'ghi chú',
			agenda: [{ id: 'a1', title: 'Báo cáo', kind: 'presentation', plannedMinutes: 15, spans: [] }],
			date: '2026-01-05',
			...meta
		}
	],
	documents: [
		{
			id: 'd-1',
			unitCode: 'VP',
			number: '1/TB',
			kind: 'thong_bao',
			issuedOn: '2026-01-02',
			electronic: true,
			secret: false,
			title: 'A',
			...meta,
			deleted: true
		}
	],
	procedures: [
		{
			id: 'VP:2026-01',
			unitCode: 'VP',
			month: '2026-01',
			total: 10,
			digital: 9,
			digitized: 8,
			...meta
		}
	],
	incoming: [
		{ id: 'VP:2026-01', unitCode: 'VP', month: '2026-01', received: 12, electronic: 11, ...meta }
	],
	reports: [],
	settings: {
		id: 'settings',
		communeName: 'Xã Mẫu',
		province: 'Tỉnh',
		periodMode: 'decree09',
		limits: { quan_triet: 240, chuyen_mon: 480, thao_luan: 720, hop: null },
		warningLeadMinutes: 15,
		planNumber: '45/KH-UBND',
		planDate: '2026-04-15',
		plans: [],
		updatedAt: 3
	}
};

const tamper = (edit: (json: Record<string, unknown> & { data: BackupData }) => void): string => {
	const json = JSON.parse(makeBackup(data, NOW)) as Record<string, unknown> & { data: BackupData };
	edit(json);
	return JSON.stringify(json);
};

describe('backup', () => {
	it('round-trips every record, tombstones and app-only fields included', () => {
		const text = makeBackup(data, NOW);
		const parsed = parseBackup(text);
		expect(parsed).toEqual({
			ok: true,
			backup: { format: 'so-hop-534-backup', version: 1, exportedAt: NOW, data }
		});
	});

	it('accepts a device without saved settings', () => {
		const parsed = parseBackup(makeBackup({ ...data, settings: null }, NOW));
		expect(parsed.ok).toBe(true);
	});

	it('reads a backup written before meeting roles existed: its meetings are organised (chu_tri)', () => {
		const old = tamper((json) => {
			for (const m of json.data.meetings) delete (m as { role?: string }).role;
		});
		const parsed = parseBackup(old);
		expect(parsed.ok && parsed.backup.data.meetings.map((m) => m.role)).toEqual(['chu_tri']);
	});

	it('reads a backup written before the incoming-documents register existed: none of them', () => {
		const old = tamper((json) => {
			delete (json.data as Partial<BackupData>).incoming;
		});
		const parsed = parseBackup(old);
		expect(parsed.ok && parsed.backup.data.incoming).toEqual([]);
		// The kinds every backup has had stay required: a backup without meetings is refused.
		const cut = tamper((json) => {
			delete (json.data as Partial<BackupData>).meetings;
		});
		expect(parseBackup(cut).ok).toBe(false);
	});

	it('refuses incoming figures with more handled electronically than received', () => {
		const bad = tamper((json) => {
			json.data.incoming[0]!.electronic = 13;
		});
		expect(parseBackup(bad).ok).toBe(false);
	});

	it('rejects text that is not JSON', () => {
		expect(parseBackup('{"format": "so-hop')).toEqual({
			ok: false,
			error: expect.stringContaining('không phải JSON')
		});
	});

	it('rejects JSON of another format', () => {
		expect(parseBackup('{"format":"other","version":1}')).toEqual({
			ok: false,
			error: expect.stringContaining('không phải bản sao lưu')
		});
		expect(parseBackup('[1,2]').ok).toBe(false);
		expect(parseBackup('null').ok).toBe(false);
	});

	it('rejects a backup from a newer version of the app', () => {
		const parsed = parseBackup(tamper((j) => (j.version = 2)));
		expect(parsed).toEqual({
			ok: false,
			error: expect.stringContaining('phiên bản ứng dụng mới hơn')
		});
	});

	it('rejects a tampered record, saying where and why', () => {
		const parsed = parseBackup(
			tamper((j) => {
				const p = j.data.procedures[0];
				if (p) p.digital = 11;
			})
		);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.error).toContain('data.procedures.0.digital');
			expect(parsed.error).toContain('lớn hơn tổng số hồ sơ');
		}
	});

	it('lists at most the first five reasons', () => {
		const parsed = parseBackup(
			tamper((j) => {
				j.data.units = Array.from({ length: 8 }, (_, i) => ({
					...(data.units[0] as Unit),
					code: `bad ${i}`
				}));
			})
		);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) {
			expect(parsed.error.match(/data\.units\.\d+\.code/g)).toHaveLength(5);
			expect(parsed.error).toContain('và 3 lỗi khác');
		}
	});

	it('rejects a missing collection and a duplicated id', () => {
		expect(parseBackup(tamper((j) => delete (j.data as Partial<BackupData>).documents)).ok).toBe(
			false
		);
		const dup = parseBackup(tamper((j) => j.data.procedures.push({ ...j.data.procedures[0]! })));
		expect(dup).toEqual({
			ok: false,
			error: expect.stringContaining('"VP:2026-01" xuất hiện hai lần')
		});
	});
});

describe('a backup made before report drafts existed', () => {
	it('restores with no reports', () => {
		const old = JSON.parse(makeBackup(data, NOW)) as { data: Record<string, unknown> };
		delete old.data.reports;
		const parsed = parseBackup(JSON.stringify(old));
		expect(parsed.ok && parsed.backup.data.reports).toEqual([]);
	});
});
