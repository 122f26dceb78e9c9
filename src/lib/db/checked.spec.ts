import { describe, expect, it, vi } from 'vitest';

// The checker (zod and every record schema) as a stand-in that counts its loads.
const loads = vi.hoisted(() => ({ n: 0 }));
vi.mock('$lib/domain/record-check', () => {
	loads.n++;
	return { partitionRecords: (_: string, rows: unknown[]) => ({ valid: [...rows], invalid: [] }) };
});

import { partition } from './checked';

describe('partition', () => {
	it('never loads the checker for an empty list, and loads it once for rows', async () => {
		expect(await partition('meeting', [])).toEqual({ valid: [], invalid: [] });
		expect(loads.n).toBe(0);
		expect(await partition('meeting', [{ id: 'a' }])).toEqual({
			valid: [{ id: 'a' }],
			invalid: []
		});
		expect(await partition('document', [{ id: 'b' }])).toEqual({
			valid: [{ id: 'b' }],
			invalid: []
		});
		expect(loads.n).toBe(1);
	});
});
