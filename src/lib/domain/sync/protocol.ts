/**
 * The sync protocol, shared by the client and the server (docs/sync-protocol.md). Pure zod: no Node,
 * Dexie or fetch imports. Bump PROTOCOL_VERSION on any incompatible change.
 */
import { z } from 'zod';
import { ALL_ENTITIES, ENTITY_NAMES, type EntityName } from '$lib/domain/entities';
import { schemaOf } from '$lib/domain/entities/schemas';
import { FIELD_CODES, ROLES } from '$lib/domain/users';
import { plainText } from '$lib/domain/plain-text';

export const PROTOCOL_VERSION = 1;
export const MAX_MUTATIONS_PER_PUSH = 500;
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 200;
/**
 * A pull page's bound in bytes, beside its `limit` in rows: the server stops adding records once
 * the next would take the page's stored text (records and clocks, UTF-8) past it, and answers
 * `hasMore: true`; a page always holds at least one record, however large. A page is then a few
 * MB, whatever the records' sizes (docs/sync-protocol.md, "Pull").
 */
export const MAX_PULL_PAGE_BYTES = 4 * 1024 * 1024;
/**
 * Largest request body in bytes, one constant for both sides: the server answers
 * `413 payload_too_large` above it and the client packs push batches up to it. It stays 64 KiB
 * below adapter-node's default BODY_SIZE_LIMIT (512K, used when `node build` starts with no env),
 * so our own check always answers first, for a Content-Length and for a chunked body alike.
 */
export const MAX_BODY_BYTES = 448 * 1024;

/** The record kinds on the wire: every kind of the entity registry ($lib/domain/entities). */
export const ENTITIES = ENTITY_NAMES;
export type SyncEntity = EntityName;

/** The zod schema of each entity's record: a mutation's `record` must match it. */
export const RECORD_SCHEMAS = Object.fromEntries(
	ALL_ENTITIES.map((e) => [e.name, schemaOf(e.name)])
) as Record<SyncEntity, z.ZodType>;

/**
 * The device id of the server's own writes (the built-in units and settings a commune is seeded
 * with, the clock node of what it writes): never "data arriving" from the commune
 * (`Storage.lastArrivals`), and no device may take it (`deviceIdSchema`).
 */
export const SERVER_DEVICE = 'server';

const HLC_TEXT = /^\d{15}-[0-9a-f]{4}-[A-Za-z0-9_.:-]{1,64}$/;
export const hlcTextSchema = z.string().regex(HLC_TEXT);
/**
 * A device's id. A device may not take `SERVER_DEVICE`, or its pushes would pass for the server's
 * (not counted as a commune's data arriving at /province, and tied with the server's clock).
 */
export const deviceIdSchema = z
	.string()
	.regex(/^[A-Za-z0-9_.:-]{1,64}$/)
	.refine((id) => id !== SERVER_DEVICE, { message: 'reserved device id' });

export const mutationSchema = z.object({
	/** Made on the device (UUID v7); the server applies each mutation id at most once. */
	mutationId: z.uuid(),
	entity: z.enum(ENTITIES),
	/**
	 * `id` of the record (`code` for units, `settings` for settings). Plain text is checked per
	 * mutation (`recordIdProblem` in server/sync/validate.ts: rejected `invalid`), not here, where a
	 * refusal would fail the whole request and block the device's outbox.
	 */
	recordId: z.string().min(1).max(64),
	op: z.enum(['put', 'delete']),
	/**
	 * The whole record, shaped as RECORD_SCHEMAS[entity]; checked per mutation (where a bad record
	 * is rejected alone). The envelope only asks for a plain object and does not copy it: the copy
	 * `z.record` made cost about 4x the rest of the envelope's parse (issue 13).
	 */
	record: z.custom<Record<string, unknown>>(
		(v) => typeof v === 'object' && v !== null && !Array.isArray(v),
		{ message: 'expected an object' }
	),
	/** The device's hybrid logical clock at the time of the change. */
	hlc: hlcTextSchema,
	/** Fields this change wrote; omitted means every field. Others keep the server's value. */
	fields: z.array(z.string().min(1).max(64)).max(64).optional(),
	/**
	 * Items of keyed lists this change wrote, held or removed (`plans.2027`: settings' plan of
	 * 2027; `domain/sync/merge.ts` KeyedLists). Omitted: a keyed list in `fields` is written whole
	 * (changes the items it holds, removes none). Added without a version bump: an older server
	 * drops it and takes the list whole, as before. The envelope asks only for an array: what it
	 * holds (texts `plans.<year>`, a year of the app's, each once, at most 100) is checked per
	 * mutation (server/sync/validate.ts: rejected `invalid`), never failing the whole request.
	 */
	parts: z
		.custom<readonly unknown[]>((v) => Array.isArray(v), { message: 'expected an array' })
		.optional()
});
export type Mutation = z.infer<typeof mutationSchema>;

export const pushRequestSchema = z.object({
	version: z.literal(PROTOCOL_VERSION),
	deviceId: deviceIdSchema,
	mutations: z.array(mutationSchema).max(MAX_MUTATIONS_PER_PUSH)
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Why a mutation was rejected; the device marks the record with it and sends the rest. */
export const REJECT_CODES = [
	'invalid',
	'id_mismatch',
	'forbidden',
	'unknown_unit',
	'locked',
	'clock_skew',
	'conflict'
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/**
 * A field the mutation wrote but lost to a newer value stored on the server (another device's
 * later edit): the device keeps the value it sent and tells its user (issue 12, point 15).
 */
const lostFieldSchema = z.object({
	field: z.string().min(1).max(64),
	/** Clock of the winning value: its wall time is when it was written. */
	clock: hlcTextSchema,
	/** Display name of the account that wrote the winning value; null when not known. */
	byUserName: z.string().max(200).nullable().optional()
});

export const mutationResultSchema = z.object({
	mutationId: z.string(),
	status: z.enum(['applied', 'duplicate', 'rejected']),
	code: z.enum(REJECT_CODES).optional(),
	reason: z.string().optional(),
	/** Server sequence of the change (applied; on duplicate, of the original). */
	seq: z.number().int().nonnegative().optional(),
	/** Applied (or duplicate) with fields that lost to newer values; absent when none (older servers). */
	lost: z.array(lostFieldSchema).max(64).optional()
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
	version: z.literal(PROTOCOL_VERSION),
	results: z.array(mutationResultSchema),
	serverTime: z.number().int()
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullRequestSchema = z.object({
	version: z.literal(PROTOCOL_VERSION),
	/** The `cursor` of the previous pull response; 0 to start from the beginning. */
	cursor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
	limit: z.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT)
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

export const changeSchema = z.object({
	seq: z.number().int().positive(),
	entity: z.enum(ENTITIES),
	recordId: z.string(),
	/** The merged record; a tombstone has `deleted: true` (settings have no tombstone). */
	record: z.record(z.string(), z.unknown()),
	/** Per-field clocks, for merging on the device. */
	clocks: z.record(z.string(), z.string()),
	deleted: z.boolean()
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
	version: z.literal(PROTOCOL_VERSION),
	changes: z.array(changeSchema),
	cursor: z.number().int().nonnegative(),
	hasMore: z.boolean(),
	serverTime: z.number().int()
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * A pull response as a device reads it. A newer server may send a record kind this app version
 * does not know (kinds are added without a version bump): such a change is accepted here and
 * dropped by `knownChanges`, and the device still moves its cursor to the response's `cursor`, so
 * the rest of the pull applies and the unknown record is never asked for again.
 */
export const pullWireSchema = pullResponseSchema.extend({
	changes: z.array(changeSchema.extend({ entity: z.string().min(1).max(64) }))
});

const KNOWN_ENTITIES: ReadonlySet<string> = new Set(ENTITIES);

/** The changes of kinds this app knows, and how many of another kind were skipped. */
export function knownChanges(changes: readonly { entity: string }[]): {
	changes: Change[];
	skipped: number;
} {
	const known = changes.filter((c): c is Change => KNOWN_ENTITIES.has(c.entity));
	return { changes: known, skipped: changes.length - known.length };
}

export const ERROR_CODES = [
	'bad_json',
	'invalid_request',
	'unsupported_version',
	'unauthenticated',
	'forbidden',
	'not_found',
	'method_not_allowed',
	'conflict',
	'payload_too_large',
	'rate_limited',
	'too_many_streams',
	'password_change_required',
	'internal'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z.object({
	error: z.object({
		code: z.enum(ERROR_CODES),
		message: z.string(),
		/** Field name -> field code (domain/users.ts FIELD_CODES) when a request names its fields. */
		fields: z.record(z.string(), z.enum(FIELD_CODES)).optional()
	})
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export type { Role } from '$lib/domain/users';

export const publicUserSchema = z.object({
	id: z.string(),
	username: z.string(),
	displayName: z.string(),
	role: z.enum(ROLES),
	/** The account's commune (tenant); null for the province roles. Older servers: none. */
	communeId: z.string().nullable().default(null),
	unitCode: z.string().nullable(),
	/** The password was reset by an admin: every call but me, logout and password answers 403
	 * `password_change_required` until the user sets a new one. */
	mustChangePassword: z.boolean().optional()
});
export type PublicUser = z.infer<typeof publicUserSchema>;

/** A live session as the admin sees it (`id`: a short prefix of the token's hash, never the token). */
export const sessionInfoSchema = z.object({
	id: z.string(),
	createdAt: z.number().int(),
	expiresAt: z.number().int()
});

/** An account in the admin's list (`GET /api/users`). */
export const adminUserSchema = publicUserSchema.extend({
	disabled: z.boolean(),
	createdAt: z.number().int(),
	/** Sign-ins refused for this account (too many failures) until then; null when not locked. */
	lockedUntil: z.number().int().nullable(),
	sessions: z.array(sessionInfoSchema)
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const loginRequestSchema = z.object({
	/** Plain text (no NUL or other control character): refused as 400 before any lookup. */
	username: plainText(z.string().trim().min(1).max(64), 'format'),
	password: z.string().min(1).max(256)
});

export const loginResponseSchema = z.object({
	token: z.string(),
	user: publicUserSchema,
	expiresAt: z.number().int()
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;
