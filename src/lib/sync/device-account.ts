/**
 * Whose data this device holds, and what a change of account does to it (a phone shared in a thôn,
 * an officer signing in on a staffer's phone: docs/SECURITY.md "A shared phone").
 *
 * The account is a row of syncState (`account`), next to the records it describes: written at a
 * sign-in the device accepts (before the first pull), kept through a reload and a 401 (an expired
 * session keeps it), removed with the account's records at sign-out. Phones synced before it
 * existed are read from the kept session's user, else the pull cursor's user (a phone signed out by
 * an app version that kept the records: `clearLeftovers` removes them when the app starts).
 *
 * - Sign-out (refused while anything is unsent) removes every record of every kind that came from
 *   or went to the server, the drafts, the pull cursor and the sync bookkeeping: the phone holds
 *   no account's records, and starts again from the built-in units like a new phone, so it shows
 *   every scope as a phone never signed in does (domain/data-scope.ts). Only device preferences
 *   (language, first-run step, demo flag, chosen unit) and the device's sync identity (device id,
 *   clock) stay.
 * - Sign-in as the same account, or on a phone that holds no account's data (never signed in, or
 *   signed out since): the records stay and changes made meanwhile are pushed by this account.
 * - Sign-in as another account: refused while the outbox holds changes (pending or refused) made
 *   under the previous one, naming it (they are never pushed under another token); otherwise the
 *   previous account's records are removed before the first pull.
 */
import type { AppDatabase, OutboxEntry } from '$lib/db/database';
import { stepRecordIds } from '$lib/db/database';
import { ALL_ENTITIES } from '$lib/domain/entities';
import { defaultUnitRecords } from '$lib/db/units';
import { CURSOR_KEY, type StoredCursor } from './apply-pull';
import type { StoredSession } from './session';

export const ACCOUNT_KEY = 'account';
/** The Web Lock a sync run holds (state/sync-scheduler.ts); changing the account waits for it. */
export const SYNC_LOCK = 'so-hop-534-sync';

/** The account whose records (and outbox) the device holds. */
export interface DeviceAccount {
	id: string;
	username: string;
	displayName: string;
}

export type SignInDecision =
	/** Same account, or a phone holding no account's data: keep everything, sync. */
	| { kind: 'keep' }
	/** Another account's records and nothing unsent: remove them, then pull. */
	| { kind: 'clear' }
	/**
	 * Another account's changes are unsent: refuse, name it. `refused`: how many of them the server
	 * refused (they never go by themselves, even once that account signs in again).
	 */
	| { kind: 'refuse'; holder: DeviceAccount; unsent: number; refused: number };

/** What the device holds, as a sign-in sees it (accountOnDevice). */
export interface OnDevice {
	/** The account the outbox's changes were made under (null: none, e.g. never signed in). */
	holder: DeviceAccount | null;
	/** The account whose pulled records the device holds (an id; may be known when no holder is). */
	dataOwner: string | null;
	/** Records with outbox changes, pending or refused (countUnsent). */
	unsent: number;
	/** Of those, the records with a change the server refused. */
	refused: number;
}

/** What a sign-in of `userId` does to the device. */
export function decideSignIn(
	{ holder, dataOwner, unsent, refused }: OnDevice,
	userId: string
): SignInDecision {
	if (holder && holder.id !== userId && unsent > 0)
		return { kind: 'refuse', holder, unsent, refused };
	const owner = holder?.id ?? dataOwner;
	if (owner !== null && owner !== userId) return { kind: 'clear' };
	return { kind: 'keep' };
}

/**
 * The unsent records of an outbox (outbox.ts `summarise` counts them so), each record once even
 * with a refused change and a newer one; `refused`: those with a change the server refused (they
 * never go by themselves).
 */
export function countUnsent(entries: readonly OutboxEntry[]): { unsent: number; refused: number } {
	const pending = new Set<string>();
	const refused = new Set<string>();
	for (const e of entries) {
		const ids = stepRecordIds(e);
		if (ids) for (const id of ids) pending.add(`${e.entity}:${id}`);
		else (e.rejected ? refused : pending).add(`${e.entity}:${e.recordId}`);
	}
	return { unsent: new Set([...pending, ...refused]).size, refused: refused.size };
}

export async function readDeviceAccount(db: AppDatabase): Promise<DeviceAccount | null> {
	const v = (await db.syncState.get(ACCOUNT_KEY))?.value as Partial<DeviceAccount> | undefined;
	if (!v || typeof v.id !== 'string') return null;
	return {
		id: v.id,
		username: typeof v.username === 'string' ? v.username : '',
		displayName: typeof v.displayName === 'string' ? v.displayName : ''
	};
}

export async function writeDeviceAccount(db: AppDatabase, a: DeviceAccount): Promise<void> {
	await db.syncState.put({
		key: ACCOUNT_KEY,
		value: { id: a.id, username: a.username, displayName: a.displayName }
	});
}

/**
 * The holder of the outbox and the owner of the records, from the account row, else (a phone
 * synced before the row existed) the kept session's user, else the pull cursor's user.
 */
export async function accountOnDevice(
	db: AppDatabase,
	session: StoredSession | null
): Promise<OnDevice> {
	const [row, cursor, entries] = await Promise.all([
		readDeviceAccount(db),
		db.syncState.get(CURSOR_KEY),
		db.outbox.toArray()
	]);
	const holder =
		row ??
		(session
			? {
					id: session.user.id,
					username: session.user.username,
					displayName: session.user.displayName
				}
			: null);
	const cursorUser = (cursor?.value as Partial<StoredCursor> | undefined)?.userId;
	const dataOwner = holder?.id ?? (typeof cursorUser === 'string' ? cursorUser : null);
	return { holder, dataOwner, ...countUnsent(entries) };
}

/**
 * The tables an account's data lives in (every record kind, the outbox, the sync bookkeeping, the
 * aggregates that follow the records, the settings): what a change of account or of scope writes
 * in one transaction (here and in account-scope.ts).
 */
export const accountTables = (db: AppDatabase) => [
	...ALL_ENTITIES.map((d) => db.table(d.table)),
	db.outbox,
	db.syncState,
	db.aggregates,
	db.settings
];

/** The ids of the records an outbox still has to send (pending or refused), per entity. */
export function unsentRecordIds(entries: readonly OutboxEntry[]): Map<string, Set<string>> {
	const ids = new Map<string, Set<string>>();
	for (const e of entries) {
		let set = ids.get(e.entity);
		if (!set) ids.set(e.entity, (set = new Set()));
		for (const id of stepRecordIds(e) ?? [e.recordId]) set.add(id);
	}
	return ids;
}

/** syncState rows that are the device's own, not an account's: its id and its clock. */
const DEVICE_ROWS = new Set(['deviceId', 'hlc']);

/**
 * Remove the account's data from the device, in one transaction: every record of every kind
 * except those an outbox entry still has to send (only a change made while no account held the
 * phone can be there: a sign-out or a switch with an account's unsent changes is refused first),
 * the drafts, and every syncState row but the device id and clock (cursor, status, refetch mark,
 * lost edits, the account). The built-in units come back (a new phone's). The aggregates follow
 * the deletes (the middleware in ../db/aggregates.ts). `onlyIfNothingUnsent`: give up, returning
 * false, when the outbox is not empty (the sign-out's check, in the same transaction).
 */
export async function clearAccountData(
	db: AppDatabase,
	now: number,
	onlyIfNothingUnsent = false
): Promise<boolean> {
	const done = await db.transaction('rw', [...accountTables(db), db.drafts], async () => {
		const entries = await db.outbox.toArray();
		if (onlyIfNothingUnsent && entries.length > 0) return false;
		const keep = unsentRecordIds(entries);
		for (const d of ALL_ENTITIES) {
			const table = db.recordTable(d.name);
			const kept = keep.get(d.name);
			if (!kept || kept.size === 0) await table.clear();
			else {
				const keys = (await table.toCollection().primaryKeys()) as string[];
				await table.bulkDelete(keys.filter((k) => !kept.has(k)));
			}
		}
		// The built-in units a new phone starts with (local use), unless kept ones have the code.
		const units = defaultUnitRecords(now);
		const have = new Set((await db.units.toCollection().primaryKeys()) as string[]);
		await db.units.bulkAdd(units.filter((u) => !have.has(u.code)));
		await db.drafts.clear();
		const rows = (await db.syncState.toCollection().primaryKeys()) as string[];
		await db.syncState.bulkDelete(rows.filter((k) => !DEVICE_ROWS.has(k) && k !== 'aggregates'));
		return true;
	});
	return done;
}

/**
 * A phone signed out by an app version that kept the account's records (a pull cursor and no
 * session): remove them now, keeping changes made since (they belong to no account). Run when
 * the app starts with no session (state/sync-lazy.ts).
 */
export async function clearLeftovers(
	db: AppDatabase,
	now: number,
	signedIn: () => boolean
): Promise<boolean> {
	const run = async () => {
		if (signedIn() || !(await db.syncState.get(CURSOR_KEY))) return false;
		return clearAccountData(db, now);
	};
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	// Under the sync lock, checked again inside it: a sign-in meanwhile keeps its records.
	return locks ? ((await locks.request(SYNC_LOCK, run)) as boolean) : run();
}
