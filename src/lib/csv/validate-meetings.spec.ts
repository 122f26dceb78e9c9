import { describe, expect, it } from 'vitest';
import type { Meeting } from '../domain/schemas';
import { makeCtx, NOW, rowsOf, vn } from './test-support';
import { validateMeetings } from './validate-meetings';

const HEADER = 'id,unit_code,title,category,format,paperless,status,start,end,attendees';
const run = (...lines: string[]) => validateMeetings(rowsOf(HEADER, ...lines), makeCtx<Meeting>());

describe('validateMeetings', () => {
	it('builds a one-sitting meeting with its local date', () => {
		const { records, rejected } = run(
			'm1,VP,Giao ban,hop,truc_tiep,1,held,2026-01-05 07:30,2026-01-05 09:00,12'
		);
		expect(rejected).toEqual([]);
		expect(records).toEqual([
			{
				id: 'm1',
				unitCode: 'VP',
				title: 'Giao ban',
				category: 'hop',
				format: 'truc_tiep',
				// No role column (a version-1 file): organised by the unit.
				role: 'chu_tri',
				paperless: true,
				status: 'held',
				sittings: [{ start: vn(2026, 1, 5, 7, 30), end: vn(2026, 1, 5, 9, 0) }],
				plannedMinutes: null,
				attendees: 12,
				chair: '',
				location: '',
				notes: '',
				agenda: [],
				date: '2026-01-05',
				createdAt: NOW,
				updatedAt: NOW,
				deleted: false
			}
		]);
	});

	it('dates a meeting by the UTC+7 day of its first sitting, even when that is the previous UTC day', () => {
		const { records } = run(
			'm1,VP,Sớm,hop,truc_tiep,0,held,2026-01-05T06:00+07:00,2026-01-05 08:00,'
		);
		expect(records[0]?.date).toBe('2026-01-05');
		expect(records[0]?.sittings[0]?.start).toBe(Date.UTC(2026, 0, 4, 23, 0));
	});

	it('joins rows sharing an id into sittings sorted by start', () => {
		const { records, rejected } = run(
			'm1,VP,Hội nghị,chuyen_mon,truc_tiep,0,held,2026-01-14 13:30,2026-01-14 14:40,15',
			'x1,KT,Khác,hop,truc_tuyen,0,held,2026-01-15 08:00,2026-01-15 09:00,',
			'm1,VP,Hội nghị,chuyen_mon,truc_tiep,0,held,14/01/2026 07:30,14/01/2026 11:30,15'
		);
		expect(rejected).toEqual([]);
		expect(records.map((m) => m.id)).toEqual(['m1', 'x1']);
		expect(records[0]?.sittings).toEqual([
			{ start: vn(2026, 1, 14, 7, 30), end: vn(2026, 1, 14, 11, 30) },
			{ start: vn(2026, 1, 14, 13, 30), end: vn(2026, 1, 14, 14, 40) }
		]);
		expect(records[0]?.date).toBe('2026-01-14');
	});

	it('treats rows with an empty id as separate meetings with new ids', () => {
		const { records } = run(
			',VP,A,hop,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,',
			',VP,A,hop,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,'
		);
		expect(records.map((m) => m.id)).toEqual(['new-1', 'new-2']);
	});

	it('derives an empty status: held when end is set, planned when end is empty', () => {
		const { records, rejected } = run(
			'a,VP,A,hop,truc_tiep,0,,2026-01-05 07:30,2026-01-05 09:00,',
			'b,VP,B,hop,truc_tiep,0,,2026-12-10 07:00,,38'
		);
		expect(rejected).toEqual([]);
		expect(records.map((m) => [m.id, m.status, m.sittings[0]?.end])).toEqual([
			['a', 'held', vn(2026, 1, 5, 9, 0)],
			['b', 'planned', null]
		]);
	});

	it('rejects held with an empty end', () => {
		const { rejected } = run('a,VP,A,hop,truc_tiep,0,held,2026-01-05 07:30,,');
		expect(rejected).toEqual([
			{ line: 2, reason: expect.stringContaining('Cột "status" = "held"') }
		]);
	});

	it.each([
		['2026-01-05 09:00', '2026-01-05 08:00'],
		['2026-01-05 09:00', '2026-01-05 09:00']
	])('rejects end %s not after start %s', (start, end) => {
		const { records, rejected } = run(`a,VP,A,hop,truc_tiep,0,held,${start},${end},`);
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{
				line: 2,
				reason: `Cột "end" = "${end}": phải sau thời điểm bắt đầu (cột "start" = "${start}")`
			}
		]);
	});

	it.each([
		[
			'category',
			'a,VP,A,hoi_nghi,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,',
			'Cột "category" = "hoi_nghi": loại cuộc họp'
		],
		[
			'format',
			'a,VP,A,hop,online,0,held,2026-01-05 07:30,2026-01-05 09:00,',
			'Cột "format" = "online": hình thức'
		],
		[
			'status',
			'a,VP,A,hop,truc_tiep,0,done,2026-01-05 07:30,2026-01-05 09:00,',
			'Cột "status" = "done": trạng thái'
		],
		[
			'unit',
			'a,HUYEN,A,hop,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,',
			'Cột "unit_code" = "HUYEN"'
		],
		[
			'start',
			'a,VP,A,hop,truc_tiep,0,held,31/02/2026 07:30,2026-01-05 09:00,',
			'Cột "start" = "31/02/2026 07:30"'
		],
		[
			'attendees',
			'a,VP,A,hop,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,-3',
			'Cột "attendees" = "-3"'
		],
		[
			'paperless',
			'a,VP,A,hop,truc_tiep,maybe,held,2026-01-05 07:30,2026-01-05 09:00,',
			'Cột "paperless" = "maybe"'
		],
		[
			'title',
			'a,VP, ,hop,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,',
			'Cột "title" (trống)'
		]
	])('rejects a bad %s naming the column and value', (_name, line, expected) => {
		const { records, rejected } = run(line);
		expect(records).toEqual([]);
		expect(rejected).toEqual([{ line: 2, reason: expect.stringContaining(expected) }]);
	});

	it('rejects every row of a meeting whose rows disagree, saying where', () => {
		const { records, rejected } = run(
			'm1,VP,Hội nghị,chuyen_mon,truc_tiep,0,held,2026-01-14 07:30,2026-01-14 11:30,15',
			'ok,VP,Khác,hop,truc_tiep,0,held,2026-01-15 07:30,2026-01-15 11:30,',
			'm1,VP,Hội nghị khác,chuyen_mon,truc_tiep,1,held,2026-01-14 13:30,2026-01-14 14:40,15'
		);
		expect(records.map((m) => m.id)).toEqual(['ok']);
		expect(rejected.map((r) => r.line)).toEqual([2, 4]);
		for (const r of rejected) {
			expect(r.reason).toContain('Cuộc họp id "m1"');
			expect(r.reason).toContain('cột "title": "Hội nghị" (dòng 2) khác "Hội nghị khác" (dòng 4)');
			expect(r.reason).toContain('cột "paperless"');
		}
	});

	it('reads the role column (v2): chu_tri or tham_du, empty meaning chu_tri', () => {
		const rows = rowsOf(
			`${HEADER},role`,
			'a,VP,A,chuyen_mon,truc_tuyen,0,held,2026-01-14 07:30,2026-01-14 08:30,,tham_du',
			'b,VP,B,chuyen_mon,truc_tuyen,0,held,2026-01-14 07:30,2026-01-14 08:30,,',
			'c,VP,C,chuyen_mon,truc_tuyen,0,held,2026-01-14 07:30,2026-01-14 08:30,,CHU_TRI',
			'd,VP,D,chuyen_mon,truc_tuyen,0,held,2026-01-14 07:30,2026-01-14 08:30,,du'
		);
		const { records, rejected } = validateMeetings(rows, makeCtx<Meeting>());
		expect(records.map((m) => [m.id, m.role])).toEqual([
			['a', 'tham_du'],
			['b', 'chu_tri'],
			['c', 'chu_tri']
		]);
		expect(rejected).toEqual([
			{
				line: 5,
				reason:
					'Cuộc họp id "d": Cột "role" = "du": vai trò của đơn vị không hợp lệ (cần một trong: chu_tri (Chủ trì), tham_du (Tham dự); để trống là chu_tri)'
			}
		]);
	});

	it('rejects a meeting whose sittings disagree on the role', () => {
		const { records, rejected } = validateMeetings(
			rowsOf(
				`${HEADER},role`,
				'm1,VP,A,chuyen_mon,truc_tiep,0,held,2026-01-14 07:30,2026-01-14 08:30,,tham_du',
				'm1,VP,A,chuyen_mon,truc_tiep,0,held,2026-01-14 09:30,2026-01-14 10:30,,'
			),
			makeCtx<Meeting>()
		);
		expect(records).toEqual([]);
		expect(rejected[0]?.reason).toContain('cột "role": "tham_du" (dòng 2) khác (trống) (dòng 3)');
	});

	it('counts equal values written differently as agreeing (1 and có, case of codes)', () => {
		const { records, rejected } = run(
			'm1,VP,A,HOP,truc_tiep,1,held,2026-01-14 07:30,2026-01-14 08:30,',
			'm1,vp,A,hop,Truc_Tiep,có,held,2026-01-14 09:30,2026-01-14 10:30,'
		);
		expect(rejected).toEqual([]);
		expect(records[0]?.sittings).toHaveLength(2);
	});

	it('rejects the whole meeting when one of its rows is bad', () => {
		const { records, rejected } = run(
			'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 07:30,2026-01-14 08:30,',
			'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 09:30,2026-01-14 09:00,'
		);
		expect(records).toEqual([]);
		expect(rejected).toEqual([
			{ line: 2, reason: 'Cuộc họp id "m1": bị loại cùng cả cuộc họp vì dòng 3 có lỗi' },
			{ line: 3, reason: expect.stringContaining('Cột "end" = "2026-01-14 09:00"') }
		]);
	});

	it('rejects overlapping sittings, naming the sitting that overlaps', () => {
		const { records, rejected } = run(
			'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 07:30,2026-01-14 10:00,',
			'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 09:30,2026-01-14 11:00,'
		);
		expect(records).toEqual([]);
		expect(rejected.map((r) => r.line)).toEqual([2, 3]);
		expect(rejected[0]?.reason).toContain(
			'Cột "start" = "2026-01-14 09:30": phiên họp chồng lên phiên trước (hoặc phiên trước chưa kết thúc) (dòng 3)'
		);
	});

	it('accepts back-to-back sittings (end of one equals start of the next)', () => {
		const { records } = run(
			'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 07:30,2026-01-14 09:30,',
			'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 09:30,2026-01-14 11:00,'
		);
		expect(records[0]?.sittings).toHaveLength(2);
	});

	it('rejects a running sitting followed by another one', () => {
		const { rejected } = run(
			'm1,VP,A,hop,truc_tiep,0,planned,2026-01-14 07:30,,',
			'm1,VP,A,hop,truc_tiep,0,planned,2026-01-14 09:30,2026-01-14 11:00,'
		);
		expect(rejected).toHaveLength(2);
		expect(rejected[0]?.reason).toContain('chồng lên phiên trước');
	});

	it('keeps createdAt and the app-only fields of a meeting being updated', () => {
		const stored = {
			id: 'm1',
			createdAt: 5,
			chair: 'Chủ tịch',
			location: 'Hội trường',
			notes: 'ghi chú',
			agenda: [],
			plannedMinutes: 90
		} as unknown as Meeting;
		const { records } = validateMeetings(
			rowsOf(HEADER, 'm1,VP,A,hop,truc_tiep,0,held,2026-01-14 07:30,2026-01-14 08:30,'),
			makeCtx<Meeting>({ existing: (id) => (id === 'm1' ? stored : undefined) })
		);
		expect(records[0]).toMatchObject({
			createdAt: 5,
			updatedAt: NOW,
			chair: 'Chủ tịch',
			location: 'Hội trường',
			notes: 'ghi chú',
			plannedMinutes: 90
		});
	});
});
