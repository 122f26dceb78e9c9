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
import { ACTIONS, can, type Action, type Actor } from '$lib/domain/permissions';

export { ACTIONS, can, type Action, type Actor };

const ALL_UNITS: readonly Role[] = ['admin', 'monitor'];

/** The action a write of a record kind needs (declared by the kind, $lib/domain/entities). */
export const writeActionOf = (entity: string): WriteAction => entityOf(entity).write;

/** Roles that belong to one unit (and must have one). */
export const roleNeedsUnit = (role: Role): boolean => role === 'unit_head' || role === 'staff';

/** The pull scope of a user: everything, or commune-wide data plus their own unit. */
export function readScope(user: Actor): { all: true } | { all: false; unitCode: string | null } {
	return ALL_UNITS.includes(user.role) ? { all: true } : { all: false, unitCode: user.unitCode };
}
