import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentRecord, Meeting, Unit } from '../domain/schemas';
import { meetingsToCsv } from './export';
import { codeOfCell } from './labels';
import { setReasonLanguage } from './reason-language';
import { makeCtx, rowsOf } from './test-support';
import { validateDocuments } from './validate-documents';
import { validateMeetings } from './validate-meetings';
import { validateUnits } from './validate-units';

describe("an enumerated cell holding the app's own label (clerk review 17)", () => {
	afterEach(() => setReasonLanguage('vi'));

	it('a meeting written with the words the app shows imports as the codes', () => {
		const { records, rejected } = validateMeetings(
			rowsOf(
				'id,unit_code,title,category,format,paperless,status,start,end,attendees,role',
				'm1,VP,Hội nghị,Hội nghị chuyên môn,Trực tuyến,có,Đã tổ chức,2026-01-05 07:30,2026-01-05 09:00,,Tham dự',
				'm2,VP,Giao ban,  hội nghị  QUÁN TRIỆT ,kết hợp,0,dự kiến,2026-01-06 07:30,,,'
			),
			makeCtx<Meeting>()
		);
		expect(rejected).toEqual([]);
		expect(records.map((m) => [m.category, m.format, m.status, m.role])).toEqual([
			['chuyen_mon', 'truc_tuyen', 'held', 'tham_du'],
			['quan_triet', 'ket_hop', 'planned', 'chu_tri']
		]);
	});

	it('document and unit kinds by label; codes still read in any case', () => {
		const docs = validateDocuments(
			rowsOf(
				'id,unit_code,number,kind,issued_on,electronic,secret,title',
				'd1,VP,1/KH-UBND,Kế hoạch,2026-01-05,1,0,A',
				'd2,VP,2/QĐ-UBND,QUYET_DINH,2026-01-05,1,0,B'
			),
			makeCtx<DocumentRecord>()
		);
		expect(docs.rejected).toEqual([]);
		expect(docs.records.map((d) => d.kind)).toEqual(['ke_hoach', 'quyet_dinh']);
		const units = validateUnits(
			rowsOf('code,name,kind', 'T9,Thôn 9,Thôn', 'P9,Phòng 9,Phòng ban'),
			makeCtx<Unit>()
		);
		expect(units.rejected).toEqual([]);
		expect(units.records.map((u) => u.kind)).toEqual(['hamlet', 'department']);
	});

	it('English labels are read when the screen is in English; Vietnamese ones always', () => {
		setReasonLanguage('en');
		expect(codeOfCell('format', 'Online')).toBe('truc_tuyen');
		expect(codeOfCell('format', 'Trực tuyến')).toBe('truc_tuyen');
	});

	it('a word that is neither is refused with the codes and their labels', () => {
		const { rejected } = validateMeetings(
			rowsOf(
				'id,unit_code,title,category,format,paperless,status,start,end,attendees',
				'm1,VP,Họp,Hội thảo,truc_tiep,0,held,2026-01-05 07:30,2026-01-05 09:00,'
			),
			makeCtx<Meeting>()
		);
		expect(rejected[0]?.reason).toContain('Cột "category" = "Hội thảo"');
		expect(rejected[0]?.reason).toContain('chuyen_mon (Hội nghị chuyên môn)');
	});

	it('export still writes the codes', () => {
		const { records } = validateMeetings(
			rowsOf(
				'id,unit_code,title,category,format,paperless,status,start,end,attendees',
				'm1,VP,Họp,Hội nghị chuyên môn,Trực tuyến,0,Đã tổ chức,2026-01-05 07:30,2026-01-05 09:00,'
			),
			makeCtx<Meeting>()
		);
		const csv = meetingsToCsv(records);
		expect(csv).toContain(',chuyen_mon,truc_tuyen,0,held,');
		expect(csv).not.toContain('Trực tuyến');
	});
});
