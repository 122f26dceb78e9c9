import { describe, expect, it } from 'vitest';
import { writableUnits, type Actor } from './permissions';

const units = [{ code: 'VP' }, { code: 'THON02' }, { code: 'KT' }];
const who = (role: Actor['role'], unitCode: string | null): Actor => ({ id: 'u', role, unitCode });

describe('writableUnits: what a form offers is what the server accepts', () => {
	it('offers every unit when nobody is signed in (a phone used alone)', () => {
		expect(writableUnits(null, units).map((u) => u.code)).toEqual(['VP', 'THON02', 'KT']);
	});
	it('offers staff and unit heads their own unit only', () => {
		expect(writableUnits(who('staff', 'THON02'), units).map((u) => u.code)).toEqual(['THON02']);
		expect(writableUnits(who('unit_head', 'KT'), units).map((u) => u.code)).toEqual(['KT']);
	});
	it('offers the admin every unit and a monitor none for records, all for plans', () => {
		expect(writableUnits(who('admin', null), units)).toHaveLength(3);
		expect(writableUnits(who('monitor', null), units)).toEqual([]);
		expect(writableUnits(who('monitor', null), units, 'plan.write')).toHaveLength(3);
		expect(writableUnits(who('staff', 'VP'), units, 'plan.write')).toEqual([]);
	});
});
