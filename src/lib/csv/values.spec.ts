import { afterEach, describe, expect, it } from 'vitest';
import { cellReason, issueText } from './messages';
import { setReasonLanguage } from './reason-language';
import { vn } from './test-support';
import { parseBool, parseCount, parseLocalDate, parseLocalDateTime, parseMonth } from './values';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T | string =>
	r.ok ? r.value : `ERR ${r.error}`;

describe('parseBool', () => {
	it.each([
		['1', true],
		['0', false],
		['true', true],
		['FALSE', false],
		[' True ', true],
		['có', true],
		['CÓ', true],
		['không', false],
		['Không', false],
		['x', true],
		['X', true],
		['', false],
		['  ', false],
		['co\u0301', true] // decomposed "có" as some Mac tools write it
	])('reads %j as %s', (raw, expected) => {
		expect(parseBool(raw)).toEqual({ ok: true, value: expected });
	});

	it.each(['yes', '2', 'y', 'đúng'])('rejects %j with a Vietnamese reason', (raw) => {
		const r = parseBool(raw);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain('có/không');
	});
});

describe('parseLocalDate', () => {
	it.each([
		['2026-03-31', '2026-03-31'],
		['31/03/2026', '2026-03-31'],
		['5/1/2026', '2026-01-05'],
		[' 2026-1-5 ', '2026-01-05'],
		['29/02/2028', '2028-02-29']
	])('reads %j as %s', (raw, expected) => {
		expect(value(parseLocalDate(raw))).toBe(expected);
	});

	it.each(['31/02/2026', '29/02/2026', '2026-13-01', '2026-00-10', '00/01/2026', '2026-04-31'])(
		'rejects %j as not a real calendar date',
		(raw) => {
			expect(value(parseLocalDate(raw))).toMatch(/^ERR ngày không có thật/);
		}
	);

	it.each(['garbage', '2026/03/31', '31-03-2026', '20260331', '31/03/26'])(
		'rejects %j as a wrong form',
		(raw) => {
			expect(value(parseLocalDate(raw))).toMatch(/^ERR ngày không đúng dạng/);
		}
	);

	it('rejects an empty cell', () => {
		expect(value(parseLocalDate(''))).toMatch(/^ERR ngày bị trống/);
	});
});

describe('parseLocalDateTime', () => {
	it.each([
		['2026-03-31 08:30', vn(2026, 3, 31, 8, 30)],
		['2026-03-31T08:30', vn(2026, 3, 31, 8, 30)],
		['31/03/2026 08:30', vn(2026, 3, 31, 8, 30)],
		['1/4/2026 7:05', vn(2026, 4, 1, 7, 5)],
		['2026-03-31 23:59:59', vn(2026, 3, 31, 23, 59, 59)],
		['2026-01-01 00:00', vn(2026, 1, 1, 0, 0)]
	])('reads local %j in UTC+7', (raw, expected) => {
		expect(value(parseLocalDateTime(raw))).toBe(expected);
	});

	it.each([
		['2026-03-31T08:30+07:00', vn(2026, 3, 31, 8, 30)],
		['2026-03-31T01:30Z', vn(2026, 3, 31, 8, 30)],
		['2026-03-31T01:30:00.000Z', vn(2026, 3, 31, 8, 30)],
		['2026-03-31T10:30:00+09:00', vn(2026, 3, 31, 8, 30)],
		['2026-03-30T20:30-0500', vn(2026, 3, 31, 8, 30)],
		['2026-03-31T08:30:12.5+07:00', vn(2026, 3, 31, 8, 30, 12) + 500]
	])('reads ISO %j with its explicit offset', (raw, expected) => {
		expect(value(parseLocalDateTime(raw))).toBe(expected);
	});

	it.each(['2026-03-31 24:00', '2026-03-31 08:60', '31/02/2026 08:00', '2026-02-30T08:00+07:00'])(
		'rejects impossible %j',
		(raw) => {
			expect(parseLocalDateTime(raw).ok).toBe(false);
		}
	);

	it.each(['garbage', '2026-03-31', '08:30', '2026-03-31 8h30', ''])('rejects %j', (raw) => {
		const r = parseLocalDateTime(raw);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.error).toContain('thời điểm');
	});
});

describe('parseCount', () => {
	it('reads whole numbers >= 0, trimmed', () => {
		expect(value(parseCount('0'))).toBe(0);
		expect(value(parseCount(' 42 '))).toBe(42);
	});

	it('gives null for an empty cell only where allowed', () => {
		expect(value(parseCount('', true))).toBeNull();
		expect(value(parseCount(''))).toMatch(/^ERR không được để trống/);
	});

	it.each(['-1', '1.5', '1e3', 'abc', '1,000', '99999999999999999999'])('rejects %j', (raw) => {
		expect(parseCount(raw).ok).toBe(false);
	});
});

describe('parseMonth', () => {
	it('reads YYYY-MM and MM/YYYY', () => {
		expect(value(parseMonth('2026-01'))).toBe('2026-01');
		expect(value(parseMonth('3/2026'))).toBe('2026-03');
	});

	it.each(['2026-13', '2026-00', 'Jan-26', '2026-01-01', ''])('rejects %j', (raw) => {
		expect(parseMonth(raw).ok).toBe(false);
	});
});

describe('reasons in the chosen language', () => {
	afterEach(() => setReasonLanguage('vi'));

	it('are Vietnamese by default and English once the screen chooses English', () => {
		expect(parseCount('x')).toEqual({ ok: false, error: 'cần số nguyên >= 0' });
		setReasonLanguage('en');
		expect(parseCount('x')).toEqual({ ok: false, error: 'a whole number >= 0 expected' });
		expect(cellReason('total', '', 'must not be empty')).toBe(
			'Column "total" (empty): must not be empty'
		);
		expect(issueText({ code: 'custom', message: 'err.category', path: [] })).toBe(
			'invalid meeting category (one of: quan_triet (Dissemination conference), chuyen_mon (Professional conference), thao_luan (Important conference (discussion)), hop (Working meeting))'
		);
	});

	it('list each code of an enum column with the label the app shows for it', () => {
		expect(issueText({ code: 'custom', message: 'err.category', path: [] })).toBe(
			'loại cuộc họp không hợp lệ (cần một trong: quan_triet (Hội nghị quán triệt), chuyen_mon (Hội nghị chuyên môn), thao_luan (Hội nghị quan trọng (thảo luận)), hop (Cuộc họp làm việc))'
		);
		expect(issueText({ code: 'custom', message: 'err.format', path: [] })).toBe(
			'hình thức họp không hợp lệ (cần một trong: truc_tuyen (Trực tuyến), truc_tiep (Trực tiếp), ket_hop (Kết hợp))'
		);
	});
});
