import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { formatDate } from '../time';
import {
	decree30Date,
	documentNumber,
	periodSpan,
	periodWords,
	placeDateLine,
	planCitation,
	planReference,
	reportFileBase,
	textDate,
	viDuration,
	viNumber,
	viOneDecimal
} from './words';

describe('the Decree-30 date of the place-and-date line', () => {
	it('puts a leading zero on days 1-9 only', () => {
		expect(decree30Date('2026-12-05')).toBe('ngày 05 tháng 12 năm 2026');
		expect(decree30Date('2026-12-09')).toBe('ngày 09 tháng 12 năm 2026');
		expect(decree30Date('2026-12-10')).toBe('ngày 10 tháng 12 năm 2026');
		expect(decree30Date('2026-06-30')).toBe('ngày 30 tháng 6 năm 2026');
	});
	it('puts a leading zero on the months 1 and 2 only', () => {
		expect(decree30Date('2027-01-15')).toBe('ngày 15 tháng 01 năm 2027');
		expect(decree30Date('2027-02-01')).toBe('ngày 01 tháng 02 năm 2027');
		expect(decree30Date('2027-03-01')).toBe('ngày 01 tháng 3 năm 2027');
		expect(decree30Date('2027-11-20')).toBe('ngày 20 tháng 11 năm 2027');
	});
	it('names the place without "xã"', () => {
		expect(placeDateLine('Xã Thiên Tân', '2026-12-05')).toBe(
			'Thiên Tân, ngày 05 tháng 12 năm 2026'
		);
		expect(placeDateLine('Thiên Tân', '2026-06-15')).toBe('Thiên Tân, ngày 15 tháng 6 năm 2026');
	});
});

describe('period words', () => {
	it('says the report period as the administrative texts do', () => {
		expect(periodWords('6month', 2026)).toBe('6 tháng đầu năm 2026');
		expect(periodWords('9month', 2026)).toBe('9 tháng năm 2026');
		expect(periodWords('annual', 2026)).toBe('năm 2026');
	});
	it('spans the Decree-09 period with in-text dates', () => {
		expect(periodSpan(periodOf('6month', 2026, 0, 'decree09'))).toBe(
			'từ ngày 15/12/2025 đến ngày 14/6/2026'
		);
		expect(periodSpan(periodOf('annual', 2026, 0, 'calendar'))).toBe(
			'từ ngày 1/1/2026 đến ngày 31/12/2026'
		);
	});
});

describe('numbers', () => {
	it('writes the document number with a leading zero below 10', () => {
		expect(documentNumber(3)).toBe('03');
		expect(documentNumber(15)).toBe('15');
		expect(documentNumber(null).trim()).toBe('');
	});
	it('uses the decimal comma', () => {
		expect(viNumber('61.5')).toBe('61,5');
		expect(viOneDecimal(15)).toBe('15,0');
		expect(viOneDecimal(2.25)).toBe('2,3');
	});
});

describe('dates and durations in the report body (clerk review 16)', () => {
	it('writes dates dd/MM/yyyy, as the screens do', () => {
		expect(textDate('2026-02-05')).toBe('5/2/2026');
		expect(textDate('2026-12-14')).toBe('14/12/2026');
	});

	it('writes durations in hours and minutes, never "0 phút"', () => {
		expect(viDuration(480)).toBe('8 giờ');
		expect(viDuration(515)).toBe('8 giờ 35 phút');
		expect(viDuration(45)).toBe('45 phút');
	});
});

describe('the name of a report file (clerk review 20)', () => {
	it('is Vietnamese, with the period and the date its figures run to', () => {
		expect(reportFileBase('bao-cao', 'annual', 2026, null, '2026-12-20')).toBe(
			'bao-cao-nam-2026-den-20-12-2026'
		);
		expect(reportFileBase('so-lieu-hien-tai', '6month', 2026, 'VHXH', '2026-06-20')).toBe(
			'so-lieu-hien-tai-6-thang-2026-vhxh-den-20-06-2026'
		);
		expect(reportFileBase('bao-cao', '9month', 2026, 'THON01', '2026-09-05')).toBe(
			'bao-cao-9-thang-2026-thon01-den-05-09-2026'
		);
	});
});

describe('the citation of the commune’s implementation plan (report-format.md, Body)', () => {
	const plan = { number: '45/KH-UBND', date: '2026-04-15' };
	it('gives number, date and the commune, as the opening cites it', () => {
		expect(planCitation(plan, 'Xã Thiên Tân')).toBe(
			'Kế hoạch số 45/KH-UBND ngày 15/4/2026 của UBND xã Thiên Tân'
		);
		expect(planReference(plan)).toBe('số 45/KH-UBND ngày 15/4/2026');
	});
	it('writes the date in the form it is given (a screen’s dd/MM/yyyy)', () => {
		expect(planReference(plan, formatDate)).toBe('số 45/KH-UBND ngày 15/04/2026');
		expect(planReference({ number: ' 45/KH-UBND ', date: null }, formatDate)).toBe('số 45/KH-UBND');
	});
	it('gives either part alone, and no stray space without the commune’s name', () => {
		expect(planCitation({ number: ' 45/KH-UBND ', date: null }, '')).toBe(
			'Kế hoạch số 45/KH-UBND của UBND xã'
		);
		expect(planCitation({ number: '', date: '2026-04-05' }, 'Thiên Tân')).toBe(
			'Kế hoạch ngày 5/4/2026 của UBND xã Thiên Tân'
		);
	});
	it('keeps the wording of before when no plan is entered', () => {
		expect(planCitation(null, 'Thiên Tân')).toBe('Kế hoạch của UBND xã');
		expect(planCitation(undefined)).toBe('Kế hoạch của UBND xã');
		expect(planCitation({ number: '  ', date: null }, 'Thiên Tân')).toBe('Kế hoạch của UBND xã');
		expect(planReference({ number: '', date: null })).toBe('');
	});
});
