/**
 * The report draft's caps (attacker review, finding 1): a report a real commune makes passes, one
 * past the report's size cap or a bound of its issued figures is refused with `err.reportTooLarge`,
 * and the stored-record schema (reads of records written before the caps) still accepts those.
 */
import { describe, expect, it } from 'vitest';
import { bigReport, jsonBytes } from '$factories/reports';
import { LIMITS } from '../schemas';
import { reportDraftSchema, storedReportSchema, type ReportDraft } from './schema';

const issuesOf = (r: unknown) => {
	const parsed = reportDraftSchema.safeParse(r);
	return parsed.success
		? []
		: parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
};
const withIssued = (r: ReportDraft, patch: Partial<NonNullable<ReportDraft['issued']>>) => ({
	...r,
	issued: { ...r.issued!, ...patch }
});

describe('the report size cap', () => {
	it('accepts the biggest report a real commune makes (150 units, every indicator, every section full)', () => {
		const big = bigReport();
		expect(issuesOf(big)).toEqual([]);
		const size = jsonBytes(reportDraftSchema.parse(big));
		// Over the meetings' cap (so the report needs its own), with headroom under its own.
		expect(size).toBeGreaterThan(LIMITS.recordBytes);
		expect(size).toBeGreaterThan(350_000);
		expect(size).toBeLessThan(LIMITS.reportBytes);
		// A typical commune (100 units) has more than 25% headroom.
		expect(jsonBytes(bigReport({ units: 100 }))).toBeLessThan(LIMITS.reportBytes * 0.8);
		// The cap leaves room for the push envelope under the body limit.
		expect(LIMITS.reportBytes).toBeLessThan(448 * 1024 - 4096);
	});

	it('refuses a report one byte over the cap, and takes it at the cap exactly', () => {
		const base = bigReport({ units: 250, narrative: 0, overLimit: 100 });
		const room = LIMITS.reportBytes - jsonBytes(reportDraftSchema.parse(base));
		expect(room).toBeGreaterThan(0);
		expect(room).toBeLessThan(20_000);
		const atCap = { ...base, deployment: 'a'.repeat(room) };
		expect(jsonBytes(atCap)).toBe(LIMITS.reportBytes);
		expect(issuesOf(atCap)).toEqual([]);
		expect(issuesOf({ ...base, deployment: 'a'.repeat(room + 1) })).toEqual([
			'(record): err.reportTooLarge'
		]);
		// Multi-byte text counts in UTF-8 bytes: a third as many 'ệ' fill the same room.
		expect(issuesOf({ ...base, deployment: 'ệ'.repeat(Math.floor(room / 3) + 1) })).toEqual([
			'(record): err.reportTooLarge'
		]);
	});

	it('refuses the attacker’s record (a 450,000-character unit name)', () => {
		const attack = withIssued(bigReport({ units: 0, narrative: 0, overLimit: 0 }), {
			unitNames: { x: 'A'.repeat(450_560) }
		});
		expect(issuesOf(attack)).toEqual([
			'issued.unitNames.x: err.reportTooLarge',
			'(record): err.reportTooLarge'
		]);
		// Within every field bound, still over the whole record's cap.
		const wide = bigReport({ units: LIMITS.reportUnits, narrative: 20_000 });
		expect(issuesOf(wide)).toEqual(['(record): err.reportTooLarge']);
	});

	it('bounds every array, record and string of the issued figures', () => {
		const r = bigReport({ units: 3, narrative: 0, overLimit: 1 });
		const issued = r.issued!;
		const unit = issued.units[0]!;
		const indicator = unit.indicators[0]!;
		const cases: [string, unknown][] = [
			[
				'issued.units',
				withIssued(r, {
					units: Array.from({ length: LIMITS.reportUnits + 1 }, () => ({
						unitCode: 'X',
						indicators: []
					}))
				})
			],
			[
				'issued.units.0.indicators',
				withIssued(r, {
					units: [{ ...unit, indicators: Array.from({ length: 51 }, () => indicator) }]
				})
			],
			[
				'issued.commune.indicators.0.excludedUnits',
				withIssued(r, {
					commune: {
						unitCode: '*',
						indicators: [
							{
								...indicator,
								excludedUnits: Array.from({ length: LIMITS.reportUnits + 1 }, () => 'X')
							}
						]
					}
				})
			],
			[
				'issued.unitNames',
				withIssued(r, {
					unitNames: Object.fromEntries(
						Array.from({ length: LIMITS.reportUnitNames + 1 }, (_, i) => [`U${i}`, 'Thôn'])
					)
				})
			],
			[
				'issued.overLimit',
				withIssued(r, {
					overLimit: Array.from({ length: LIMITS.reportOverLimit + 1 }, () => issued.overLimit[0]!)
				})
			],
			[
				'issued.overLimit.0.title',
				withIssued(r, { overLimit: [{ ...issued.overLimit[0]!, title: 'x'.repeat(301) }] })
			],
			[
				'issued.units.0.unitCode',
				withIssued(r, { units: [{ ...unit, unitCode: 'X'.repeat(21) }] })
			],
			[
				'issued.units.0.indicators.0.display',
				withIssued(r, {
					units: [{ ...unit, indicators: [{ ...indicator, display: '9'.repeat(41) }] }]
				})
			],
			[
				'issued.units.0.indicators.0.code',
				withIssued(r, {
					units: [
						{ ...unit, indicators: [{ ...indicator, code: 'c'.repeat(65) as 'online_share' }] }
					]
				})
			],
			['issued.unitNames.THON001', withIssued(r, { unitNames: { THON001: 'x'.repeat(201) } })],
			[
				'issued.period.kind',
				withIssued(r, { period: { ...issued.period, kind: 'k'.repeat(21) as 'annual' } })
			]
		];
		for (const [path, record] of cases) {
			expect(issuesOf(record), path).toEqual([`${path}: err.reportTooLarge`]);
			// The same record as stored before the caps is still read.
			expect(storedReportSchema.safeParse(record).success, path).toBe(true);
		}
		// At the bounds exactly: accepted.
		expect(
			issuesOf(
				withIssued(r, {
					overLimit: [{ ...issued.overLimit[0]!, title: 'x'.repeat(300) }],
					unitNames: { THON001: 'x'.repeat(200) }
				})
			)
		).toEqual([]);
	});

	it('reads a stored report over the cap with the stored-record schema (the other rules still hold)', () => {
		const over = bigReport({ units: LIMITS.reportUnits + 50 });
		expect(jsonBytes(over)).toBeGreaterThan(LIMITS.reportBytes);
		expect(reportDraftSchema.safeParse(over).success).toBe(false);
		expect(storedReportSchema.safeParse(over).success).toBe(true);
		expect(storedReportSchema.safeParse({ ...over, id: 'VP:annual:2026' }).success).toBe(false);
	});
});

describe('the plan a final report was issued under', () => {
	it('is kept with the issued figures; a report issued before the field reads as none', () => {
		const r = bigReport({ units: 1, narrative: 0, overLimit: 0 });
		const plan = { number: '45/KH-UBND', date: '2026-04-15' };
		expect(reportDraftSchema.parse(withIssued(r, { plan })).issued?.plan).toEqual(plan);
		expect(storedReportSchema.parse(withIssued(r, { plan })).issued?.plan).toEqual(plan);
		expect(reportDraftSchema.parse(withIssued(r, { plan: null })).issued?.plan).toBeNull();
		const { plan: _p, ...old } = r.issued!;
		expect(storedReportSchema.parse({ ...r, issued: old }).issued?.plan).toBeUndefined();
		// Bounded like the other issued strings, and a real date.
		expect(issuesOf(withIssued(r, { plan: { number: 'x'.repeat(41), date: null } }))).toEqual([
			'issued.plan.number: err.reportTooLarge'
		]);
		expect(
			issuesOf(withIssued(r, { plan: { number: '45/KH-UBND', date: '15/04/2026' } }))
		).not.toEqual([]);
	});
});
