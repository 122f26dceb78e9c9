/**
 * The storage boundary of the server. Async so a PostgreSQL implementation can follow the SQLite
 * one without touching callers. Implementations use parameterised SQL only.
 */
import type { AuditAction, AuditInput } from '$lib/domain/audit';
import type { Lang } from '$lib/i18n/translate';
import type { DayWindow } from '$lib/domain/record-day';
import type { FieldState } from '$lib/domain/sync/merge';
import type { MutationResult, Role, SyncEntity } from '$lib/domain/sync/protocol';

/** The commune of a single-commune install (created by a migration; rows before tenants belong to it). */
export const DEFAULT_COMMUNE = 'default';

/**
 * Audit entries an admin action writes in its own transaction (docs/SECURITY.md, "Audit log"):
 * each is checked with `auditInputSchema` before it is inserted (a bad one fails the action).
 */
export type AuditEntries = readonly AuditInput[];
/**
 * Entries, or how to make them from the row as the storage's transaction reads it before the
 * change: an entry's "from" is then what the change really replaced, even when another admin
 * changed the same row a moment before (the caller's earlier read would be stale).
 */
export type AuditFrom<T> = AuditEntries | ((before: T) => AuditEntries);

/** A stored audit entry; `id` grows with each insert (the paging order). */
export type AuditRow = AuditInput & { id: number };

/**
 * Which entries `listAudit` reads: one commune's (`communeId`), the province's own (null), or
 * every entry (undefined).
 */
export interface AuditQuery {
	communeId?: string | null;
	/** Only entries of these actions (a kind's, `AUDIT_GROUPS`); undefined: every action. */
	actions?: readonly AuditAction[];
	/** Only entries by this account (within `communeId`'s entries, as ever). */
	actorId?: string;
	/** Only entries about this target (a report's id, an account's), within the others. */
	targetId?: string;
	/** Only entries with an id below this one (the cursor of the page before). */
	before?: number;
	limit: number;
}

/** A tenant: units, users, records, settings, reports and the push schedule belong to one commune. */
export interface CommuneRow {
	/** Stable id (lowercase letters, digits, `-`), chosen by the province admin. */
	id: string;
	name: string;
	/** District-level area the province filters by, when set. */
	area: string | null;
	/** The province (or other parent) name, when set. */
	parentName: string | null;
	createdAt: number;
}

/**
 * A report due date the province admin set on /province for one period kind and year (the server
 * settings `REPORT_DUE_*` are the default where none is set). Province-wide: no commune owns it.
 */
export interface ReportDueRow {
	/** The period kind ('6month', '9month', 'annual'). */
	kind: string;
	year: number;
	/** 'YYYY-MM-DD'. */
	dueDate: string;
	/** When it was set (server clock, epoch ms) and by which account (its username then). */
	setAt: number;
	setBy: string;
}

/** What the province admin may change on a commune (`updateCommune`). */
export interface CommunePatch {
	name?: string;
	area?: string | null;
}

export interface UserRow {
	id: string;
	username: string;
	/** The commune the account belongs to; null only for the province roles. */
	communeId: string | null;
	displayName: string;
	passwordHash: string;
	role: Role;
	unitCode: string | null;
	disabled: boolean;
	/** Set by an admin's password reset; cleared when the user sets a new password. */
	mustChangePassword: boolean;
	createdAt: number;
}

/** Whether `patch` takes an enabled `adminRole` account away (disables or demotes it). */
export const losesAdmin = (user: UserRow, patch: UserPatch, adminRole: Role): boolean =>
	user.role === adminRole &&
	!user.disabled &&
	((patch.role ?? user.role) !== adminRole || (patch.disabled ?? user.disabled));

/** The outcome of `Storage.changeUser` (`R`: the decision's refusal). */
export type KeptAdminUpdate<R = never> =
	| { ok: true; user: UserRow }
	| { ok: false; reason: 'not_found' | 'last_admin' }
	| { ok: false; reason: 'refused'; refusal: R };

/**
 * What an admin action does to an account, decided from the row as the storage's transaction
 * reads it (`Storage.changeUser`): the fields to write (only these), the audit entries, and
 * whether the account's sessions end and its login devices are forgotten (all but
 * `keepTokenHash`'s session) in that same transaction; or a refusal, and nothing is written.
 */
export type UserDecision<R> =
	| {
			ok: true;
			patch: UserPatch;
			/** Written only with the change (not when it is refused, `last_admin` included). */
			audit: AuditEntries;
			endAccess?: { keepTokenHash?: string };
	  }
	| { ok: false; refusal: R };

export type UserPatch = Partial<
	Pick<UserRow, 'role' | 'unitCode' | 'disabled' | 'passwordHash' | 'mustChangePassword'>
>;

/** One limit of a login reservation: at most `max` attempts under `key` since `since`. */
export interface AttemptLimit {
	key: string;
	max: number;
}

export type Reservation =
	| { ok: true; ids: number[] }
	/** `retryAt`: when the oldest attempt that keeps `key` at its limit leaves the window. */
	| { ok: false; key: string; retryAt: number };

/** A device that signed in to an account before (a cookie; only its hash is stored). */
export interface LoginDeviceRow {
	tokenHash: string;
	userId: string;
	createdAt: number;
	expiresAt: number;
}

export interface SessionRow {
	tokenHash: string;
	userId: string;
	createdAt: number;
	expiresAt: number;
}

/**
 * What a sign-in checked, for `Storage.createSession` to check again in its transaction: the
 * session (and the new login device) is written only if the account is still enabled and still
 * holds the password hash the password was verified against.
 */
export interface SessionGuard {
	passwordHash: string;
	device?: LoginDeviceRow;
}

export interface UnitRow {
	code: string;
	name: string;
	kind: string;
	archived: boolean;
}

export interface StoredRecord {
	entity: SyncEntity;
	id: string;
	unitCode: string | null;
	state: FieldState;
	hlc: string;
	deleted: boolean;
	seq: number;
}

export interface HistoryRow {
	entity: SyncEntity;
	id: string;
	/** `superseded`: a stored version overwritten by a newer change; `lost`: an incoming change that lost. */
	kind: 'superseded' | 'lost';
	state: FieldState;
	mutationId: string;
	at: number;
}

/** The account behind a device's change of a record (`findRecordWriters`). */
export interface RecordWriter {
	deviceId: string;
	userId: string;
	/** The account's display name, or its username when it has none. */
	userName: string;
}

export interface MutationEnvelope {
	mutationId: string;
	entity: SyncEntity;
	recordId: string;
	userId: string;
	deviceId: string;
	at: number;
}

/**
 * Whether an applied mutation id was used for the record `env` names: only then is a mutation
 * with that id a resend (`duplicate`, with the first answer). A row stored without its entity and
 * record id (an older version's: SQLite rows folded from before step fold-mutations that changed
 * nothing, PostgreSQL rows from before step applied-mutation-record that changed nothing) is taken
 * as the same record, as every id was before.
 */
export const sameRecord = (
	entity: string | null,
	recordId: string | null,
	env: Pick<MutationEnvelope, 'entity' | 'recordId'>
): boolean =>
	(entity === null && recordId === null) || (entity === env.entity && recordId === env.recordId);

/**
 * Whether an applied mutation id is this request's resend: the same record (`sameRecord`), sent
 * by the same account. Another account's request with that id (one who learnt it: a user moved
 * from the other unit, a shared phone) learns nothing of the first answer, whose lost fields name
 * who wrote what (attacker review r20, 2). A row stored without its account is taken as sent by it.
 */
export const isResend = (
	done: { entity: string | null; recordId: string | null; userId: string | null },
	env: Pick<MutationEnvelope, 'entity' | 'recordId' | 'userId'>
): boolean =>
	sameRecord(done.entity, done.recordId, env) &&
	(done.userId === null || done.userId === env.userId);

/**
 * The answer to a mutation whose id was already applied to another record, or by another account:
 * refused (`invalid`), with nothing of the first mutation's answer (its seq, lost fields) and
 * nothing written.
 */
export const mutationIdReused = (mutationId: string): MutationResult => ({
	mutationId,
	status: 'rejected',
	code: 'invalid',
	reason: 'mutationId: already used for another record or by another account'
});

/** What the caller decided about one mutation, given the stored record (inside the transaction). */
export type Decision =
	| { kind: 'reject'; code: NonNullable<MutationResult['code']>; reason: string }
	| {
			kind: 'write';
			state: FieldState;
			unitCode: string | null;
			hlc: string;
			deleted: boolean;
			/** Write the record (false when the merge left it unchanged). */
			changed: boolean;
			history: Omit<HistoryRow, 'entity' | 'id' | 'mutationId' | 'at'>[];
			/** Keep the server's unit list in step with unit records. */
			unit?: UnitRow;
			/** Audit entries (a settings change), written with the record when it `changed`. */
			audit?: AuditEntries;
			/** Web Push schedule change for a meeting, written in the same transaction. */
			pushSchedule?: PushScheduleChange;
			/**
			 * Fields the mutation wrote that lost to a newer stored value, with the winning clock:
			 * kept in the mutation's result (so a duplicate answers them too).
			 */
			lost?: { field: string; clock: string }[];
	  };

/** One mutation of a push request and the function that decides it against the stored record. */
export interface BatchItem {
	envelope: MutationEnvelope;
	/** Pure and synchronous: runs inside the storage transaction. */
	decide: (current: StoredRecord | null) => Decision;
}

/**
 * A per-key write budget (token bucket): `burst` units at once, refilled at `perMinute`. A push
 * is charged two: mutations (`user:<id>`) and body bytes (`bytes:user:<id>`).
 */
export interface WriteBudget {
	/** The key the budget is kept under, e.g. `user:<id>`. */
	key: string;
	/** Units this request costs (its number of mutations, or its body's bytes). */
	cost: number;
	now: number;
	burst: number;
	perMinute: number;
}

/** The budgets a request is charged, as `applyBatch` takes them (one, several or none). */
export type WriteBudgets = WriteBudget | readonly WriteBudget[];

/** The budgets that cost something (distinct keys, in the order given: one lock order). */
export const chargedBudgets = (b: WriteBudgets | undefined): WriteBudget[] =>
	(b === undefined ? [] : 'key' in b ? [b as WriteBudget] : [...b]).filter((x) => x.cost > 0);

export type BatchOutcome =
	| { ok: true; results: MutationResult[] }
	/** Over budget: nothing was written; try again after `retryAfterMs`. */
	| { ok: false; retryAfterMs: number };

/** How much of record_history is kept (enforced on every write and by `pruneHistory`). */
export interface HistoryRetention {
	/** Versions kept per record (the newest). */
	versionsPerRecord: number;
	/** Versions older than this many days are removed. */
	days: number;
}

/**
 * Sessions, and login devices, an account keeps: a sign-in beyond ends the oldest (a bound on what
 * one account's sign-ins can store, and on what an admin's account list reads; attacker r12, 7).
 */
export const MAX_SESSIONS_PER_USER = 20;

/** Devices per user that receive pushes (a bound on what one account can store). */
export const MAX_SUBSCRIPTIONS_PER_USER = 20;

export interface PushSubscriptionRow {
	endpoint: string;
	userId: string;
	p256dh: string;
	auth: string;
	/** The device's language when it subscribed: the notification texts are written in it. */
	lang: Lang;
}

export interface ScheduledPush {
	id: number;
	communeId: string;
	meetingId: string;
	userId: string;
	threshold: string;
	dueAt: number;
	payload: string;
}

export interface PushScheduleItem {
	threshold: string;
	dueAt: number;
	payload: string;
}

/** `cancel`: drop every unsent push of the meeting; `replace`: the user's unsent ones become `items`. */
export type PushScheduleChange =
	| { kind: 'cancel'; meetingId: string }
	| { kind: 'replace'; meetingId: string; userId: string; items: PushScheduleItem[] };

/** The server's VAPID key pair for Web Push (base64url, as web-push makes them). */
export interface VapidKeyPair {
	publicKey: string;
	privateKey: string;
}

/** The Web Push rows (subscriptions per user, the schedule of pushes, the VAPID keys). */
export interface PushStorage {
	/**
	 * The server's one VAPID key pair, kept in the database so every app process signs with the
	 * same keys: the first caller's `candidate` is stored (atomically: INSERT that does nothing
	 * when a pair is there); every caller gets the stored pair back.
	 */
	vapidKeys(candidate: VapidKeyPair, now: number): Promise<VapidKeyPair>;
	/**
	 * Save a device's subscription for its user, only while the request's session
	 * (`sessionTokenHash`) still exists, read in the same transaction ('ended' otherwise, nothing
	 * written): a disable, a reset or "end all sessions" that ends it also drops the user's
	 * subscriptions, so a subscription saved in flight never outlives them. An endpoint held by
	 * another user is never moved ('taken'). A user keeps at most MAX_SUBSCRIPTIONS_PER_USER
	 * devices; the oldest beyond go.
	 */
	savePushSubscription(
		s: PushSubscriptionRow,
		now: number,
		sessionTokenHash: string
	): Promise<'saved' | 'taken' | 'ended'>;
	/** With `userId`, only that user's subscription is removed. */
	deletePushSubscription(endpoint: string, userId?: string): Promise<boolean>;
	pushSubscriptionsOf(userId: string): Promise<PushSubscriptionRow[]>;
	/** Meeting ids are the commune's: the schedule is kept per commune. */
	changePushSchedule(communeId: string, change: PushScheduleChange): Promise<void>;
	/** Unsent pushes of every commune, earliest first (one scheduler sends them all). */
	pendingPushes(): Promise<ScheduledPush[]>;
	/**
	 * Mark every unsent push due at `now` or before as sent and return them, earliest first. Each
	 * push is returned to exactly one caller, whatever the number of app processes
	 * (PostgreSQL: `FOR UPDATE SKIP LOCKED`); the caller then sends it (at most once).
	 */
	claimDuePushes(now: number): Promise<ScheduledPush[]>;
}

/** Which records a user may read when pulling. */
export type ReadScope = { all: true } | { all: false; unitCode: string | null };

/** One page of a pull: its records, oldest first, and whether a record follows them. */
export interface PulledPage {
	records: StoredRecord[];
	hasMore: boolean;
}

/**
 * The page rule both engines share (`pullPage`). `rows` are the candidates in seq order, each with
 * its stored size (`bytes`: its data and clocks texts, UTF-8), and may run on past the page (the
 * engines stop reading one row after it). The page takes them in order up to `limit`, and no row
 * that would take its total past `maxBytes`, except the first: a single record larger than the
 * bound comes alone, so a pull always moves on. `hasMore` when a row was left for the next page.
 * Breaking out of `rows` early lets an engine stop reading (SQLite's statement iterator).
 */
export function takePage<R extends { bytes: number }>(
	rows: Iterable<R>,
	limit: number,
	maxBytes: number,
	toRecord: (row: R) => StoredRecord
): PulledPage {
	const records: StoredRecord[] = [];
	let total = 0;
	for (const row of rows) {
		if (records.length >= limit || (records.length > 0 && total + row.bytes > maxBytes))
			return { records, hasMore: true };
		records.push(toRecord(row));
		total += row.bytes;
	}
	return { records, hasMore: false };
}

export interface Storage extends PushStorage {
	close(): void;

	/** Every commune, by id. */
	listCommunes(): Promise<CommuneRow[]>;
	/** Creates the commune and its change counter; null when the id is taken. */
	createCommune(commune: CommuneRow, audit?: AuditEntries): Promise<CommuneRow | null>;
	findCommune(id: string): Promise<CommuneRow | null>;
	/**
	 * Every commune's change counter (the seq of its latest change): any record written, changed or
	 * deleted in a commune raises it, so a figure computed at a seq holds until it moves.
	 */
	communeSeqs(): Promise<Map<string, number>>;
	/**
	 * When each commune's data last arrived: the server's clock (`MutationEnvelope.at`) at the last
	 * accepted change of one of its records pushed from a device (the server's own seeding writes,
	 * device `SERVER_DEVICE`, do not count). A commune that never had one is absent. One seek per
	 * commune at the top of its seq order (SQLite `records.received_at` on `records_seq`;
	 * PostgreSQL its `changes` log by primary key), never a scan of its records.
	 */
	lastArrivals(): Promise<Map<string, number>>;
	/** The province admin's change of a commune's name or area; null when there is no such commune. */
	updateCommune(
		id: string,
		patch: CommunePatch,
		audit?: AuditFrom<CommuneRow>
	): Promise<CommuneRow | null>;

	/** The due date set on /province for a period kind and year, or null when none is. */
	findReportDue(kind: string, year: number): Promise<ReportDueRow | null>;
	/**
	 * Set (`next`) or clear (null) the due date of a period kind and year, with `audit` in the same
	 * transaction, made from the row as the transaction reads it (null: none set). The read and the
	 * write are one atomic operation, also across processes (PostgreSQL: an advisory lock per kind
	 * and year, held from the read; SQLite: one immediate transaction), so two province admins
	 * setting it at once each log what they really replaced. When the stored date already is
	 * `next`'s (or both are none), nothing is written and no entry either. Returns the row now
	 * stored (null when none).
	 */
	setReportDue(
		kind: string,
		year: number,
		next: Omit<ReportDueRow, 'kind' | 'year'> | null,
		audit?: AuditFrom<ReportDueRow | null>
	): Promise<ReportDueRow | null>;

	/** Accounts of every commune (usernames are unique across communes). */
	countUsers(): Promise<number>;
	/** Returns null when the username is taken. */
	createUser(user: UserRow, audit?: AuditEntries): Promise<UserRow | null>;
	findUserByUsername(username: string): Promise<UserRow | null>;
	findUserById(id: string): Promise<UserRow | null>;
	/** The accounts of one commune, or with null the province accounts; by username. */
	listUsers(communeId: string | null): Promise<UserRow[]>;
	/** Returns the updated user, or null when there is none with this id. */
	updateUser(id: string, patch: UserPatch, audit?: AuditEntries): Promise<UserRow | null>;
	/**
	 * One admin action on an account as one transaction (SQLite: immediate; PostgreSQL: under the
	 * scope's advisory lock, the row read after it): read the row, `decide` from it (synchronous,
	 * called at most once, not at all for an unknown id), write the decision's fields and entries
	 * and, when it says so, end the account's sessions and forget its login devices. A patch that takes away an
	 * enabled `adminRole` account (disables or demotes it) when the account's scope (its commune;
	 * for a province account, the province accounts) would then have no enabled `adminRole`
	 * account left: `last_admin` and nothing is written. Two admins disabling each other at once
	 * cannot both succeed, and a concurrent change of the account is never overwritten with a
	 * value read before (only the decided fields are written, decided from the row this
	 * transaction holds). A failure anywhere (an entry refused by its schema) writes nothing, the
	 * sessions included.
	 */
	changeUser<R>(
		id: string,
		adminRole: Role,
		decide: (before: UserRow) => UserDecision<R>
	): Promise<KeptAdminUpdate<R>>;

	/**
	 * Writes the session and `audit` in one transaction. With a `guard` (a sign-in), only if the
	 * account's row, read in that transaction, is enabled and holds `guard.passwordHash`, and then
	 * the guard's login device too; false when nothing was written. A change of the account
	 * (disable, reset, own change) that commits before it is seen; one that commits after it ends
	 * the session it wrote. The account keeps its MAX_SESSIONS_PER_USER newest sessions (and login
	 * devices): older ones end in that transaction, never the new one.
	 */
	createSession(session: SessionRow, audit?: AuditEntries, guard?: SessionGuard): Promise<boolean>;
	findSession(tokenHash: string): Promise<SessionRow | null>;
	deleteSession(tokenHash: string): Promise<void>;
	deleteExpiredSessions(now: number): Promise<number>;
	/**
	 * The account may be in the wrong hands ("end all sessions"): in one transaction, forget every
	 * login device of the user, end every session and its Web Push subscriptions, and write `audit`
	 * only if any of these existed (a no-op is not logged); returns how many sessions ended.
	 */
	endUserAccess(userId: string, audit?: AuditEntries): Promise<number>;
	/**
	 * Sessions not expired at `now`, oldest first, of one commune's accounts (null: the
	 * province's): the account list reads only its own scope's.
	 */
	listActiveSessions(now: number, communeId: string | null): Promise<SessionRow[]>;

	/**
	 * Login attempts are reserved before the password is checked: atomically, if every key has
	 * fewer than `max` attempts after `since`, one attempt per key is recorded at `at` and their ids
	 * returned; otherwise nothing is written. (PostgreSQL: one transaction that locks the keys, e.g.
	 * `pg_advisory_xact_lock(hashtext(key))` per key in sorted order, then counts and inserts.)
	 */
	reserveLoginAttempt(limits: AttemptLimit[], since: number, at: number): Promise<Reservation>;
	/** Forget reserved attempts (the sign-in succeeded). */
	releaseLoginAttempts(ids: number[]): Promise<void>;
	/**
	 * Forget every attempt under these keys or starting with these prefixes (a success for a user
	 * and address; an admin lifting a lock), in one transaction with `audit`, which is written only
	 * if an attempt was forgotten (a no-op is not logged). Returns how many were forgotten.
	 */
	clearLoginAttempts(keys: string[], prefixes?: string[], audit?: AuditEntries): Promise<number>;
	/** When `key` drops below `max` attempts after `since`, or null when it is below already. */
	loginLimitedUntil(
		key: string,
		max: number,
		since: number,
		windowMs: number
	): Promise<number | null>;
	deleteLoginAttemptsBefore(before: number): Promise<number>;

	/**
	 * The audit log, newest first (by id), at most `limit` entries. Append-only: no method edits an
	 * entry, and the only delete is `pruneAudit` (retention).
	 */
	listAudit(query: AuditQuery): Promise<AuditRow[]>;
	/** Remove the entries written before `before` (retention, housekeeping); returns how many. */
	pruneAudit(before: number): Promise<number>;

	findLoginDevice(tokenHash: string): Promise<LoginDeviceRow | null>;
	deleteExpiredLoginDevices(now: number): Promise<number>;

	// Everything below belongs to one commune: `communeId` comes first and scopes every read and
	// write. Record ids, unit codes and mutation ids may repeat across communes; seq (the pull
	// cursor) is counted per commune (PostgreSQL: a counter row locked by the writing transaction;
	// SQLite, one writer at a time: the commune's highest record seq), so one commune's traffic
	// never shows in another's cursor.

	listUnits(communeId: string): Promise<UnitRow[]>;
	findUnit(communeId: string, code: string): Promise<UnitRow | null>;

	/** The stored result of an applied mutation id, or null. */
	findAppliedMutation(communeId: string, mutationId: string): Promise<MutationResult | null>;
	/**
	 * Apply one mutation atomically: read the stored record, ask `decide`, then write the record,
	 * its history, a change-log entry and the applied mutation id in one transaction. A mutation id
	 * already applied to the same record returns its original result with status `duplicate`; one
	 * applied to another record is rejected (`mutationIdReused`). Rejections write nothing.
	 */
	applyMutation(
		communeId: string,
		envelope: MutationEnvelope,
		decide: (current: StoredRecord | null) => Decision
	): Promise<MutationResult>;
	/**
	 * Apply the mutations of one push request in one transaction (one commit, one sync to disk),
	 * in order, so a later mutation sees the earlier ones. An error
	 * rolls the whole request back (nothing written). With `budget`, the write budgets are checked
	 * and charged in the same transaction first, all or none; over any, nothing is written (and no
	 * budget is charged) and the wait is the longest. Same per-mutation rules as
	 * `applyMutation` (duplicates return their original result, rejections write nothing).
	 * A decision's `pushSchedule` is written for this commune.
	 */
	applyBatch(
		communeId: string,
		items: readonly BatchItem[],
		budget?: WriteBudgets
	): Promise<BatchOutcome>;
	/**
	 * Remove history versions beyond the retention (for records no longer written), in every
	 * commune (housekeeping); returns how many.
	 */
	pruneHistory(now: number): Promise<number>;
	/**
	 * One page of a pull (docs/sync-protocol.md, "Pull"): the records changed after `cursor` that
	 * `scope` may read, oldest first, at most `limit` and at most `maxBytes` of stored text (each
	 * record's data and clocks, UTF-8), the first record always (`takePage`). Reads at most one
	 * row past the page, so a page of huge records never loads the rows after it.
	 */
	pullPage(
		communeId: string,
		cursor: number,
		limit: number,
		scope: ReadScope,
		maxBytes: number
	): Promise<PulledPage>;
	findRecord(communeId: string, entity: SyncEntity, id: string): Promise<StoredRecord | null>;
	/**
	 * The commune's live (not deleted) records of these kinds, any order (the province view). With
	 * `window`, only those whose day ($lib/domain/record-day.ts) is inside it or null (undated
	 * records are always read), found by index (records(commune_id, entity, day)).
	 */
	listRecords(
		communeId: string,
		entities: readonly SyncEntity[],
		window?: DayWindow
	): Promise<StoredRecord[]>;
	listHistory(communeId: string, entity: SyncEntity, id: string): Promise<HistoryRow[]>;
	/**
	 * Who wrote this record from these devices: per device id, the account of the device's newest
	 * change of the record in this commune (a lost field's winning clock names its device). Devices
	 * with no change of the record are left out.
	 */
	findRecordWriters(
		communeId: string,
		entity: SyncEntity,
		id: string,
		deviceIds: readonly string[]
	): Promise<RecordWriter[]>;
	/** Totals of one commune, for tests and health checks. */
	counts(communeId: string): Promise<{
		records: number;
		changes: number;
		appliedMutations: number;
		history: number;
	}>;
}
