import { describe, expect, it } from 'vitest';
import { holdsWholeCommune, mayWrite, progressScope, readableUnits } from './data-scope';
import type { Actor } from './permissions';
import { can } from '$lib/server/auth/permissions';
import { writeActionOf } from '$lib/server/auth/permissions';

const units = [{ code: 'VP' }, { code: 'THON04' }, { code: 'KT' }];
const who = (role: Actor['role'], unitCode: string | null): Actor => ({ id: 'u', role, unitCode });

describe('holdsWholeCommune: only a device that pulled (or entered) every unit', () => {
	it('is true for a phone used without an account, an admin and a commune monitor', () => {
		expect(holdsWholeCommune(null)).toBe(true);
		expect(holdsWholeCommune(who('admin', null))).toBe(true);
		expect(holdsWholeCommune(who('monitor', null))).toBe(true);
	});
	it('is false for unit accounts (their pull is one unit) and province accounts', () => {
		expect(holdsWholeCommune(who('staff', 'VP'))).toBe(false);
		expect(holdsWholeCommune(who('unit_head', 'VP'))).toBe(false);
		expect(holdsWholeCommune(who('province_monitor', null))).toBe(false);
	});
});

describe('readableUnits', () => {
	it('offers a unit account its own unit only', () => {
		expect(readableUnits(who('staff', 'THON04'), units).map((u) => u.code)).toEqual(['THON04']);
		expect(readableUnits(who('unit_head', 'KT'), units).map((u) => u.code)).toEqual(['KT']);
	});
	it('offers every unit without an account and to commune-wide roles', () => {
		expect(readableUnits(null, units)).toHaveLength(3);
		expect(readableUnits(who('monitor', null), units)).toHaveLength(3);
	});
});

describe('progressScope: a unit account never gets figures it cannot compute', () => {
	it('keeps any scope for a device that holds the commune', () => {
		expect(progressScope(null, null)).toEqual({ unit: null, commune: true, refused: null });
		expect(progressScope(who('admin', null), 'KT')).toEqual({
			unit: 'KT',
			commune: true,
			refused: null
		});
	});
	it('replaces the commune by the own unit, and says why', () => {
		expect(progressScope(who('staff', 'VP'), null)).toEqual({
			unit: 'VP',
			commune: false,
			refused: 'commune'
		});
	});
	it('replaces another unit by the own unit, and says why', () => {
		expect(progressScope(who('unit_head', 'VP'), 'KT')).toEqual({
			unit: 'VP',
			commune: false,
			refused: 'otherUnit'
		});
	});
	it('shows the own unit as asked', () => {
		expect(progressScope(who('staff', 'VP'), 'VP')).toEqual({
			unit: 'VP',
			commune: false,
			refused: null
		});
	});
});

describe('mayWrite: the device offers exactly what the server accepts', () => {
	const roles: Actor['role'][] = ['admin', 'monitor', 'unit_head', 'staff'];
	const scopes = [null, 'VP', 'KT'];
	it('agrees with the server for every role, kind and owner', () => {
		for (const role of roles)
			for (const entity of ['report', 'meeting', 'plan', 'settings'])
				for (const unitCode of scopes) {
					const actor = who(role, role === 'staff' || role === 'unit_head' ? 'VP' : null);
					const server = can({ ...actor, communeId: 'c' }, writeActionOf(entity), unitCode);
					expect(mayWrite(actor, entity, unitCode), `${role} ${entity} ${unitCode}`).toBe(server);
				}
	});
	it('refuses a staff account the commune report and its own unit report; a unit head writes its own', () => {
		expect(mayWrite(who('staff', 'VP'), 'report', null)).toBe(false);
		expect(mayWrite(who('staff', 'VP'), 'report', 'VP')).toBe(false);
		expect(mayWrite(who('unit_head', 'VP'), 'report', 'VP')).toBe(true);
		expect(mayWrite(who('unit_head', 'VP'), 'report', null)).toBe(false);
		expect(mayWrite(who('monitor', null), 'report', null)).toBe(true);
	});
	it('lets a phone used without an account write everything it holds', () => {
		expect(mayWrite(null, 'report', null)).toBe(true);
	});
});
