import { describe, expect, it } from 'vitest';
import { recordLabel } from './record-label';
import { discardOnly } from './sync/discard-only';

describe('recordLabel: what the sync panel calls a record (never its internal id)', () => {
	it('names the commune report and a unit report from the id when the record is gone', () => {
		expect(recordLabel('report', undefined, '*:annual:2026')).toEqual({
			kind: 'report',
			unitCode: null,
			periodKind: 'annual',
			year: 2026
		});
		expect(recordLabel('report', undefined, 'VP:6month:2026')).toMatchObject({
			unitCode: 'VP',
			periodKind: '6month'
		});
	});
	it('prefers the record’s own fields', () => {
		expect(
			recordLabel('report', { scope: '*', periodKind: '9month', year: 2025 }, 'x')
		).toMatchObject({ unitCode: null, periodKind: '9month', year: 2025 });
	});
	it('names month rows and plans by unit and period', () => {
		expect(recordLabel('procedure', undefined, 'THON04:2026-05')).toEqual({
			kind: 'month',
			unitCode: 'THON04',
			year: 2026,
			month: 5
		});
		expect(recordLabel('incoming', undefined, 'VP:2025-12')).toMatchObject({ month: 12 });
		expect(recordLabel('plan', undefined, 'KT:2027')).toEqual({
			kind: 'year',
			unitCode: 'KT',
			year: 2027
		});
	});
	it('uses titles for meetings and documents and never shows a UUID', () => {
		expect(recordLabel('meeting', { title: 'Giao ban' }, 'uuid-1')).toEqual({
			kind: 'title',
			text: 'Giao ban'
		});
		expect(recordLabel('document', { number: '12/KH-UBND', title: 'x' }, 'u')).toEqual({
			kind: 'title',
			text: '12/KH-UBND'
		});
		expect(recordLabel('meeting', undefined, '0190-uuid')).toEqual({ kind: 'unknown' });
		expect(recordLabel('settings', undefined, 'settings')).toEqual({ kind: 'settings' });
		expect(recordLabel('unit', undefined, 'THON04')).toEqual({ kind: 'title', text: 'THON04' });
	});
});

describe('discardOnly', () => {
	it('offers a discard for refusals editing cannot fix, not for those it can', () => {
		for (const c of ['forbidden', 'locked', 'unknown_unit', 'conflict', 'missing'])
			expect(discardOnly(c)).toBe(true);
		for (const c of ['invalid', 'too_large', 'clock_skew']) expect(discardOnly(c)).toBe(false);
	});
});
