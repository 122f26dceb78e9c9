/**
 * The entity registry: one descriptor per record kind (declared in ./kinds.ts). Every place that
 * needs "all kinds" (the Dexie tables, the outbox, the sync protocol, server validation and
 * permissions, CSV import and export, the backup) derives from ENTITY_LIST. Pure: no Dexie, DOM,
 * fetch or svelte, and no zod: the schemas are in ./schemas.ts.
 */
import type { z } from 'zod';
import { ENTITY_LIST } from './kinds';
import type { ENTITY_SCHEMAS } from './schemas';
import type { EntityDescriptor } from './types';

export type { CsvColumn, EntityDescriptor, WriteAction } from './types';
export { ENTITY_LIST } from './kinds';

/** The declared kinds, with their literal types. */
export type KnownEntity = (typeof ENTITY_LIST)[number];
export type EntityName = KnownEntity['name'];
/** The record type of a kind. */
export type RecordOf<N extends EntityName> = z.infer<(typeof ENTITY_SCHEMAS)[N]>;
/** The record type of the kind kept in a table. */
export type RecordOfTable<T extends KnownEntity['table']> = RecordOf<
	Extract<KnownEntity, { table: T }>['name']
>;

/** Every kind, as plain descriptors (for code that handles every kind alike). */
export const ALL_ENTITIES: readonly EntityDescriptor[] = ENTITY_LIST;

export const ENTITY_NAMES = ALL_ENTITIES.map((e) => e.name) as [EntityName, ...EntityName[]];

const BY_NAME = new Map<string, EntityDescriptor>(ALL_ENTITIES.map((e) => [e.name, e]));

/** The kind kept in a table (also its backup collection and CSV file kind). */
export function entityByTable(table: string): EntityDescriptor {
	const d = ALL_ENTITIES.find((e) => e.table === table);
	if (!d) throw new Error(`unknown record table: ${table}`);
	return d;
}

/** The descriptor of a kind; throws on a name that is not declared (a programming error). */
export function entityOf(name: string): EntityDescriptor {
	const d = BY_NAME.get(name);
	if (!d) throw new Error(`unknown record kind: ${name}`);
	return d;
}

/** The name of a descriptor taken from the registry (every registered kind is an EntityName). */
export const nameOf = (d: EntityDescriptor): EntityName => d.name as EntityName;

/** The record's key (`id`, or `code` for units). */
export const keyOf = (d: EntityDescriptor, record: object): string =>
	String((record as Record<string, unknown>)[d.key]);

/** The id a record of a kind with a composed id must carry (`UNIT:YYYY-MM`); null for free ids. */
export function composedId(d: EntityDescriptor, record: object): string | null {
	if (!d.idFields) return null;
	const r = record as Record<string, unknown>;
	return d.idFields.map((f) => String(r[f])).join(':');
}

/** The unit that owns a record; null for commune-wide kinds or a record without a unit. */
export function ownerOf(d: EntityDescriptor, record: object): string | null {
	if (d.owner === 'commune') return null;
	const code = (record as Record<string, unknown>).unitCode;
	return typeof code === 'string' ? code : null;
}

/** A short label of a record for the user (its title fields), or its key. */
export function titleOf(d: EntityDescriptor, record: object | undefined, key: string): string {
	if (!record) return key;
	const r = record as Record<string, unknown>;
	for (const f of d.title ?? []) {
		const v = r[f];
		if (typeof v === 'string' && v !== '') return v;
	}
	return key;
}

/** Kinds kept as lists (every kind but the singleton settings). */
export const listEntities = (): EntityDescriptor[] => ALL_ENTITIES.filter((e) => !e.singleton);

/** Kinds with a CSV file, in import order. */
export const csvEntities = (): EntityDescriptor[] => ALL_ENTITIES.filter((e) => e.csv);
