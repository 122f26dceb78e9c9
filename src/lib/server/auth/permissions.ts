/**
 * Who may do what, for which unit. Every handler asks `can` before reading or writing.
 *
 * | action          | admin | monitor | unit_head | staff    |
 * |-----------------|-------|---------|-----------|----------|
 * | read            | all   | all     | own unit  | own unit |
 * | record.write    | all   | -       | own unit  | own unit |  meetings, documents, procedures, incoming
 * | plan.write      | all   | all     | own unit  | -        |  plans (baselines, targets)
 * (each record kind names the action its writes need: `write` in $lib/domain/entities)
 * | settings.write  | yes   | yes     | -         | -        |
 * | unit.write      | yes   | -       | -         | -        |
 * | user.manage     | yes   | -       | -         | -        |
 *
 * Commune-wide data (unit code null: the unit list and settings) is readable by everyone.
 */
import { entityOf, type WriteAction } from '$lib/domain/entities';
import type { Role } from '$lib/domain/users';

export interface Actor {
	id: string;
	role: Role;
	/** The commune the caller belongs to; null for the province roles (they hold no commune data). */
	communeId: string | null;
	unitCode: string | null;
}

export const ACTIONS = [
	'read',
	'record.write',
	'plan.write',
	'settings.write',
	'unit.write',
	'user.manage'
] as const;
export type Action = (typeof ACTIONS)[number];

const ALL_UNITS: readonly Role[] = ['admin', 'monitor'];

export function can(user: Actor | null, action: Action, unitCode: string | null): boolean {
	// Province roles never read or write a commune's records (their own endpoints: /api/province).
	if (!user || user.communeId === null) return false;
	const own = unitCode !== null && user.unitCode !== null && unitCode === user.unitCode;
	switch (action) {
		case 'read':
			return unitCode === null || ALL_UNITS.includes(user.role) || own;
		case 'record.write':
			return user.role === 'admin' || ((user.role === 'unit_head' || user.role === 'staff') && own);
		case 'plan.write':
			return ALL_UNITS.includes(user.role) || (user.role === 'unit_head' && own);
		case 'settings.write':
			return ALL_UNITS.includes(user.role);
		case 'unit.write':
		case 'user.manage':
			return user.role === 'admin';
	}
}

/** A caller that belongs to a commune: every commune read and write is scoped by `communeId`. */
export type CommuneActor = Actor & { communeId: string };

export const inCommune = (user: Actor): user is CommuneActor => user.communeId !== null;

/** The action a write of a record kind needs (declared by the kind, $lib/domain/entities). */
export const writeActionOf = (entity: string): WriteAction => entityOf(entity).write;

/** Roles that belong to one unit (and must have one). */
export const roleNeedsUnit = (role: Role): boolean => role === 'unit_head' || role === 'staff';

/** The pull scope of a user: everything, or commune-wide data plus their own unit. */
export function readScope(user: Actor): { all: true } | { all: false; unitCode: string | null } {
	return ALL_UNITS.includes(user.role) ? { all: true } : { all: false, unitCode: user.unitCode };
}
