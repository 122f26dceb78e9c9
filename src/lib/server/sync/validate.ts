/**
 * Checks of one mutation that need no storage: record shape, ids, written fields and clock.
 * Returns a reject code and reason, or the parsed change.
 */
import { composedId, entityOf, keyOf, ownerOf } from '$lib/domain/entities';
import { isPlainText } from '$lib/domain/plain-text';
import { LIMITS } from '$lib/domain/schemas';
import { parseHlc, withinSkew } from '$lib/domain/sync/hlc';
import {
	RECORD_SCHEMAS,
	type Mutation,
	type RejectCode,
	type SyncEntity
} from '$lib/domain/sync/protocol';

export interface CheckedMutation {
	record: Record<string, unknown>;
	/** Fields the change wrote, or undefined for all. */
	fields: readonly string[] | undefined;
	/** Items of keyed lists the change wrote (`plans.2027`), or undefined: lists written whole. */
	parts: readonly string[] | undefined;
	/** Unit that owns the record; null for commune-wide entities (units, settings). */
	unitCode: string | null;
}

export type Checked =
	{ ok: true; value: CheckedMutation } | { ok: false; code: RejectCode; reason: string };

const reject = (code: RejectCode, reason: string): Checked => ({ ok: false, code, reason });

/**
 * The keys a part may name, by the property a keyed list is keyed by (`EntityDescriptor.keyedLists`).
 * Every part named is stored as a clock on the record (a removal when the list lacks the item) and
 * pulled by every device, so only keys an item could have are taken: a year is a whole number in
 * the app's years (LIMITS.minYear..maxYear), written as `String(year)` (no sign, no leading zero).
 * A property without a rule here takes no parts.
 */
const PART_KEY_RULES: Readonly<Record<string, (key: string) => boolean>> = {
	year: (key) => {
		if (!/^[1-9][0-9]{3}$/.test(key)) return false;
		const year = Number(key);
		return year >= LIMITS.minYear && year <= LIMITS.maxYear;
	}
};

/**
 * Most parts one change may name: a settings save names the years it changed, and the plans are
 * at most LIMITS.communePlans (one a year of the app's years).
 */
const MAX_PARTS = LIMITS.communePlans;

/** Why a change's `parts` cannot be taken, or null: checked per mutation (rejected `invalid`). */
function partsProblem(
	parts: readonly unknown[],
	fields: readonly string[],
	keyed: Readonly<Record<string, string>>
): string | null {
	if (parts.length > MAX_PARTS) return `parts: more than ${MAX_PARTS}`;
	const seen = new Set<string>();
	for (const p of parts) {
		if (typeof p !== 'string') return 'parts: not a text';
		const shown = p.slice(0, 80);
		const dot = p.indexOf('.');
		const field = p.slice(0, dot);
		if (dot <= 0 || !Object.hasOwn(keyed, field) || !fields.includes(field))
			return `parts: unknown part ${shown}`;
		const rule = PART_KEY_RULES[keyed[field]!];
		if (rule === undefined || !rule(p.slice(dot + 1)))
			return `parts: unknown part ${shown} (a year ${LIMITS.minYear}-${LIMITS.maxYear})`;
		if (seen.has(p)) return `parts: ${shown} named twice`;
		seen.add(p);
	}
	return null;
}

/** The owning unit of a record, as stored in `records.unit_code` and checked by `can`. */
export const unitOf = (entity: SyncEntity, record: Record<string, unknown>): string | null =>
	ownerOf(entityOf(entity), record);

/** Validate a record against its entity's zod schema; the reason lists the first issues. */
export function parseRecord(
	entity: SyncEntity,
	record: unknown
): { ok: true; record: Record<string, unknown> } | { ok: false; reason: string } {
	const parsed = RECORD_SCHEMAS[entity].safeParse(record);
	if (parsed.success) return { ok: true, record: parsed.data as Record<string, unknown> };
	const reason = parsed.error.issues
		.slice(0, 5)
		.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
		.join('; ');
	return { ok: false, reason };
}

/** A kind with a composed id (`UNIT:YYYY-MM`) must carry the id its fields make. */
function idMatches(entity: SyncEntity, record: Record<string, unknown>): boolean {
	const id = composedId(entityOf(entity), record);
	return id === null || record.id === id;
}

/**
 * A record id the storage must never be asked about: one with a control character or a lone
 * surrogate (plain-text.ts; PostgreSQL fails the whole query on a NUL). Checked before the
 * request's storage read, per mutation: the mutation is rejected `invalid`, the others go on.
 */
export function recordIdProblem(m: Pick<Mutation, 'recordId'>): string | null {
	return isPlainText(m.recordId) ? null : 'recordId: control characters are not allowed';
}

/**
 * `deviceId` is the request's: a device stamps its changes with its own id as the clock's node
 * (db/device.ts), and that node is how a lost-field notice names who wrote a value
 * (`findRecordWriters`), so a clock carrying another device's id is refused.
 */
export function checkMutation(
	m: Mutation,
	now: number,
	maxSkewMs: number,
	deviceId: string
): Checked {
	const hlc = parseHlc(m.hlc);
	if (!hlc) return reject('invalid', 'hlc: malformed');
	if (hlc.node !== deviceId) return reject('invalid', 'hlc: node is not the deviceId');
	if (!withinSkew(hlc, now, maxSkewMs))
		return reject('clock_skew', 'hlc: device clock is ahead of the server');
	const descriptor = entityOf(m.entity);
	if (m.op === 'delete' && descriptor.singleton)
		return reject('invalid', `${m.entity} cannot be deleted`);

	const raw = m.op === 'delete' ? { ...m.record, deleted: true } : m.record;
	const parsed = parseRecord(m.entity, raw);
	if (!parsed.ok) return reject('invalid', parsed.reason);
	const record = parsed.record;

	if (keyOf(descriptor, record) !== m.recordId)
		return reject('id_mismatch', 'recordId differs from the record key');
	if (!idMatches(m.entity, record))
		return reject('id_mismatch', `${m.entity} id must be unitCode:period`);

	let fields: readonly string[] | undefined = m.fields;
	if (m.op === 'delete') fields = ['deleted', 'updatedAt'];
	if (fields) {
		const unknown = fields.find((f) => !Object.hasOwn(record, f));
		if (unknown !== undefined) return reject('invalid', `fields: unknown field ${unknown}`);
	}
	// Parts only mean something beside the fields they belong to; a change writing every field
	// (a new record, a delete) writes its lists whole.
	const named = fields === undefined ? undefined : m.parts;
	let parts: readonly string[] | undefined;
	if (named !== undefined) {
		const problem = partsProblem(named, fields!, descriptor.keyedLists ?? {});
		if (problem !== null) return reject('invalid', problem);
		parts = named as readonly string[];
	}
	return { ok: true, value: { record, fields, parts, unitCode: unitOf(m.entity, record) } };
}
