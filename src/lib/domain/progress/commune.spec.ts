import { describe, expect, it } from 'vitest';
import { periodOf } from '../periods';
import { makeDocument, makeMeeting, makePlan, makeUnit } from '$factories/records';
import { indicatorOf as ind, makeProgressInput as input } from '$factories/progress';
import { computeReport } from './report';

const HALF = periodOf('6month', 2026, 0, 'decree09'); // 2025-12-15..2026-06-14
const YEAR = periodOf('annual', 2026, 0, 'decree09'); // 2025-12-15..2026-12-14

describe('computeReport: units and the commune', () => {
	const units = [
		makeUnit({ code: 'B', order: 1 }),
		makeUnit({ code: 'A', order: 1 }),
		makeUnit({ code: 'Z', order: 0 }),
		makeUnit({ code: 'OLD', order: 2, archived: true }),
		makeUnit({ code: 'GONE', order: 3, archived: true })
	];

	it('lists units by order then code, archived ones only with records, unknown codes last', () => {
		const r = computeReport(
			input({
				units,
				meetings: [makeMeeting({ unitCode: 'OLD' }), makeMeeting({ unitCode: 'STRAY' })]
			}),
			HALF,
			'2026-06-20'
		);
		expect(r.units.map((u) => u.unitCode)).toEqual(['Z', 'A', 'B', 'OLD', 'STRAY']);
		expect(r.commune.unitCode).toBe('*');
		expect(ind(r, '*', 'conferences_held').value).toBe(2);
	});

	it('sums counts, never averages ratios', () => {
		const r = computeReport(
			input({
				units,
				meetings: [
					makeMeeting({ unitCode: 'A', format: 'truc_tuyen' }),
					makeMeeting({ unitCode: 'B', format: 'truc_tiep' }),
					makeMeeting({ unitCode: 'B', format: 'truc_tiep' }),
					makeMeeting({ unitCode: 'B', format: 'truc_tiep' })
				]
			}),
			HALF,
			'2026-06-20'
		);
		// Average of 100% and 0% would be 50%.
		expect(ind(r, '*', 'online_share').display).toBe('25.0');
	});

	it('sums reduction baselines over units with a baseline and says which were left out', () => {
		const r = computeReport(
			input({
				units,
				plans: [
					makePlan({
						unitCode: 'A',
						baselineConferences: 10,
						baselineDocuments: 0,
						plannedConferences: 9
					}),
					makePlan({
						unitCode: 'B',
						baselineConferences: 20,
						baselineDocuments: 10,
						plannedConferences: 19
					})
				],
				meetings: [makeMeeting({ unitCode: 'A' }), makeMeeting({ unitCode: 'Z' })],
				documents: [makeDocument({ unitCode: 'A' }), makeDocument({ unitCode: 'B' })]
			}),
			YEAR,
			'2026-12-20'
		);
		expect(ind(r, '*', 'conference_reduction')).toMatchObject({
			baseline: 30,
			count: 1,
			cap: 27,
			excludedUnits: ['Z']
		});
		expect(ind(r, '*', 'document_reduction')).toMatchObject({
			baseline: 10,
			count: 1,
			excludedUnits: ['Z', 'A']
		});
		expect(r.commune.excludedFromReduction).toEqual(['Z', 'A']);
		expect(r.commune).toMatchObject({
			plannedConferences: 28,
			planAboveCap: true,
			conferencesLeft: 26
		});
		expect(r.units.every((u) => u.excludedFromReduction === undefined)).toBe(true);
	});
});
