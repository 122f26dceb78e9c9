import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/domain/sync/protocol';
import { ACTIONS, can, readScope, type Action, type Actor } from './permissions';

const actor = (role: Role, unitCode: string | null): Actor => ({
	id: role,
	role,
	communeId: 'default',
	unitCode
});
const admin = actor('admin', null);
const monitor = actor('monitor', null);
const head = actor('unit_head', 'VP');
const staff = actor('staff', 'VP');

/** [action, unit of the data, admin, monitor, unit_head of VP, staff of VP] */
const MATRIX: [Action, string | null, boolean, boolean, boolean, boolean][] = [
	['read', 'VP', true, true, true, true],
	['read', 'KT', true, true, false, false],
	['read', null, true, true, true, true],
	['record.write', 'VP', true, false, true, true],
	['record.write', 'KT', true, false, false, false],
	['plan.write', 'VP', true, true, true, false],
	['plan.write', 'KT', true, true, false, false],
	['settings.write', null, true, true, false, false],
	['unit.write', null, true, false, false, false],
	['user.manage', null, true, false, false, false]
];

describe('can', () => {
	it.each(MATRIX)(
		'%s on unit %s: admin %s, monitor %s, unit_head %s, staff %s',
		(action, unit, a, m, h, s) => {
			expect([
				can(admin, action, unit),
				can(monitor, action, unit),
				can(head, action, unit),
				can(staff, action, unit)
			]).toEqual([a, m, h, s]);
		}
	);

	it('covers every action in the matrix', () => {
		expect(new Set(MATRIX.map((r) => r[0]))).toEqual(new Set(ACTIONS));
	});

	it('refuses everything to nobody', () => {
		for (const action of ACTIONS) expect(can(null, action, 'VP')).toBe(false);
	});

	it('a unit user without a unit may not write unit data', () => {
		expect(can(actor('staff', null), 'record.write', 'VP')).toBe(false);
		expect(can(actor('staff', null), 'read', 'VP')).toBe(false);
	});

	it('scopes pulls: all units for admin and monitor, own unit otherwise', () => {
		expect(readScope(admin)).toEqual({ all: true });
		expect(readScope(monitor)).toEqual({ all: true });
		expect(readScope(staff)).toEqual({ all: false, unitCode: 'VP' });
	});
});
