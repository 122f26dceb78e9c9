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
 * Every action is inside the caller's own commune (the storage scopes by it). The province roles
 * (province_admin, province_monitor) belong to no commune and hold none of these: `can` refuses
 * them; their actions are `canProvince` below.
 */
import { entityOf, type WriteAction } from '$lib/domain/entities';
import type { Role } from '$lib/domain/users';
import {
	ACTIONS,
	readsAllUnits,
	can as canInUnit,
	type Action,
	type Actor as UnitActor
} from '$lib/domain/permissions';

/** A server caller: the commune it belongs to; null for the province roles (no commune data). */
export interface Actor extends UnitActor {
	communeId: string | null;
}

export { ACTIONS, type Action };

/** `can` of $lib/domain/permissions, and never for a caller without a commune: the province roles
 * read and write no commune's records (their own endpoints: /api/province). */
export function can(user: Actor | null, action: Action, unitCode: string | null): boolean {
	if (!user || user.communeId === null) return false;
	return canInUnit(user, action, unitCode);
}

/**
 * The province's actions (Sở Nội vụ). `province.read`: every commune's indicators and final
 * reports (never raw records); `province.manage`: create communes, their first admin and province
 * accounts. Commune roles hold neither.
 */
export type ProvinceAction = 'province.read' | 'province.manage';

export function canProvince(user: Actor | null, action: ProvinceAction): boolean {
	if (!user) return false;
	if (action === 'province.read')
		return user.role === 'province_admin' || user.role === 'province_monitor';
	return user.role === 'province_admin';
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
	return readsAllUnits(user.role) ? { all: true } : { all: false, unitCode: user.unitCode };
}
