import { describe, expect, it } from 'vitest';
import { storesByVersion } from './database';

describe('database versions from the entity registry', () => {
	it('are exactly the blocks existing devices were created with (never edited)', () => {
		expect(Object.fromEntries(storesByVersion())).toEqual({
			1: {
				units: 'code, order',
				meetings: 'id, date, [unitCode+date], status, updatedAt',
				documents: 'id, issuedOn, [unitCode+issuedOn], [unitCode+number], updatedAt',
				procedures: 'id, month, [unitCode+month], updatedAt',
				plans: 'id, year, [unitCode+year]',
				settings: 'id',
				drafts: 'key',
				outbox: 'mutationId, createdAt, [entity+recordId]'
			},
			2: { syncState: 'key' },
			// Spec v2: the register of incoming documents.
			3: { incoming: 'id, month, [unitCode+month], updatedAt' },
			// The periodic report's drafts.
			4: { reports: 'id, [scope+year]' },
			// Device-only per (unit, month) counts for the progress engine (./aggregates.ts).
			5: { aggregates: 'id, month' }
		});
	});
});
