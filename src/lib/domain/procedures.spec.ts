import { describe, expect, it } from 'vitest';
import { procedureShares, sumProcedures } from './procedures';

const input = (over: Partial<{ total: number; digital: number; digitized: number }> = {}) => ({
	total: 13,
	digital: 8,
	digitized: 13,
	...over
});

describe('procedureShares', () => {
	it('rounds the shares to one decimal exactly and has none without dossiers', () => {
		expect(procedureShares({ total: 13, digital: 8, digitized: 13 })).toEqual({
			digital: '61.5',
			digitized: '100.0'
		});
		expect(procedureShares({ total: 0, digital: 0, digitized: 0 })).toEqual({
			digital: null,
			digitized: null
		});
		expect(sumProcedures([input(), input({ total: 7, digital: 7, digitized: 0 })])).toEqual({
			total: 20,
			digital: 15,
			digitized: 13
		});
	});
});
