/**
 * Records that fail their schema (older data, a restored backup, anything that slipped past a
 * check) must never break a list, an export or a report. Readers split what they read into the
 * records they may show and count, and the ones they leave out with a reason the screen can say.
 * The schemas are the same ones every write goes through (schemas.ts): no second rule set.
 */
import type { z } from 'zod';
import { entityOf, keyOf, type EntityName } from './entities';
import { ENTITY_SCHEMAS } from './entities/schemas';

/** The schema of each record kind, from the registry. */
export const CHECKED_SCHEMAS = ENTITY_SCHEMAS;
export type CheckedEntity = EntityName;

/** A record left out, with what a person needs to find and fix it. */
export interface InvalidRecord {
	entity: CheckedEntity;
	/** The record's key (`code` for units), or '' when it has none. */
	key: string;
	/** Its title, number or name when it has one, for the note on screen. */
	label: string;
	/** Field path of the first problem ('sittings.0.end'), '' for the whole record. */
	path: string;
	/** Message key of the first problem ('err.instantRange'), else 'err.invalid'. */
	reason: string;
}

export interface Partitioned<T> {
	valid: T[];
	invalid: InvalidRecord[];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function describe(entity: CheckedEntity, row: unknown, error: z.ZodError): InvalidRecord {
	const r = row !== null && typeof row === 'object' ? (row as Record<string, unknown>) : {};
	const issue = error.issues[0];
	const message = issue?.message ?? '';
	return {
		entity,
		key: text(keyOf(entityOf(entity), r)),
		label: text(r.title) || text(r.number) || text(r.name),
		path: issue ? issue.path.map(String).join('.') : '',
		reason: message.startsWith('err.') ? message : 'err.invalid'
	};
}

/**
 * The rows that pass their entity's schema, as they were read (not the parsed copies), and a
 * description of each one that does not. Never throws.
 */
export function partitionRecords<T>(entity: CheckedEntity, rows: readonly T[]): Partitioned<T> {
	const schema: z.ZodType = CHECKED_SCHEMAS[entity];
	const valid: T[] = [];
	const invalid: InvalidRecord[] = [];
	for (const row of rows) {
		let result: ReturnType<z.ZodType['safeParse']>;
		try {
			result = schema.safeParse(row);
		} catch {
			// e.g. a value JSON cannot hold; treat it like any other invalid record.
			invalid.push({ entity, key: '', label: '', path: '', reason: 'err.invalid' });
			continue;
		}
		if (result.success) valid.push(row);
		else invalid.push(describe(entity, row, result.error));
	}
	return { valid, invalid };
}
