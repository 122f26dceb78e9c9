/**
 * The account's role and unit as the server holds them now, on every sync run (attacker review
 * r12, 2). An admin may move a staff member to another unit, or demote a monitor, at any time; the
 * server applies it on the next call, but a phone that kept the user of its sign-in kept the old
 * scope: records it may no longer read stayed on it, the new unit's older records never came (the
 * pull cursor was past them), and its forms stayed bound to the old unit.
 *
 * So a sync run first asks `GET /api/auth/me` (no wire change; not every run: the scheduler asks on
 * the first run, on the user's ask, after a refusal `forbidden`, else every few minutes,
 * state/sync-scheduler.ts `ACCOUNT_CHECK_MS`) and compares the answer with the
 * scope the device's records were pulled under (syncState `scope`, else the kept session's user).
 * On a change, in one transaction: the records the account may no longer read are removed (never
 * one with an unsent change of its own: it stays, and the server's refusal shows in the sync
 * panel with its reason), with their lost-edit notes; the pull cursor and the refetch mark go, so
 * the next pull starts from 0 and brings every record the account now reads; the new scope is
 * written, and a notice (`scopeNotice`, sync/scope-notice.ts) for the user
 * (components/AccountChangeNotice.svelte). The caller
 * (state/sync-scheduler.ts) then keeps the new user in the session, so forms default to the new
 * unit (state/my-unit.svelte.ts).
 *
 * Sign-out and a sign-in of another account remove both rows with the rest (device-account.ts).
 */
import type { AppDatabase, Entity } from '$lib/db/database';
import { readState } from '$lib/db/device';
import { lostKey } from '$lib/db/lost-edits';
import { ALL_ENTITIES, ownerOf } from '$lib/domain/entities';
import { can, readsAllUnits } from '$lib/domain/permissions';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { CURSOR_KEY } from './apply-pull';
import type { SyncClient } from './client';
import { accountTables, unsentRecordIds } from './device-account';
import { REFETCH_KEY } from './outbox';
import { SCOPE_NOTICE_KEY, type AccountScope, type ScopeNotice } from './scope-notice';

/** syncState: the role and unit the device's records were pulled under. */
export const SCOPE_KEY = 'scope';

const scopeOf = (u: AccountScope): AccountScope => ({ role: u.role, unitCode: u.unitCode });

const sameScope = (a: AccountScope, b: AccountScope): boolean =>
	a.role === b.role && (a.unitCode ?? null) === (b.unitCode ?? null);

function readScopeRow(v: unknown): AccountScope | null {
	const s = v as Partial<AccountScope> | undefined;
	if (!s || typeof s.role !== 'string') return null;
	return { role: s.role, unitCode: typeof s.unitCode === 'string' ? s.unitCode : null };
}

/**
 * Take `fresh` (the server's answer for the signed-in account) as the device's scope. `kept`: the
 * user the device kept (the scope its records were pulled under when no `scope` row was written
 * yet: a phone of an older version, or the first run after a sign-in). Returns the notice when the
 * scope changed, else null. Almost every run finds it unchanged: the row is read first, alone, and
 * the transaction over every record table (which waits behind form saves and the import, and holds
 * them back) is opened only when the row is missing or differs (and checked again inside it).
 */
export async function adoptScope(
	db: AppDatabase,
	kept: AccountScope,
	fresh: PublicUser,
	now: number
): Promise<ScopeNotice | null> {
	const to = scopeOf(fresh);
	const seen = readScopeRow(await readState(db, SCOPE_KEY));
	if (seen && sameScope(seen, to)) return null;
	return db.transaction('rw', accountTables(db), async () => {
		const row = readScopeRow((await db.syncState.get(SCOPE_KEY))?.value);
		const before = row ?? scopeOf(kept);
		if (sameScope(before, to)) {
			if (!row) await db.syncState.put({ key: SCOPE_KEY, value: to });
			return null;
		}
		let removed = 0;
		let keptCount = 0;
		if (!readsAllUnits(fresh.role)) {
			const unsent = unsentRecordIds(await db.outbox.toArray());
			for (const d of ALL_ENTITIES) {
				if (d.owner !== 'unit') continue;
				const table = db.recordTable(d.name);
				const gone: string[] = [];
				await table.each((r) => {
					if (can(fresh, 'read', ownerOf(d, r))) return;
					const key = String(r[d.key]);
					if (unsent.get(d.name)?.has(key)) keptCount++;
					else gone.push(key);
				});
				await table.bulkDelete(gone);
				await db.syncState.bulkDelete(gone.map((id) => lostKey(d.name as Entity, id)));
				removed += gone.length;
			}
		}
		// Everything the account now reads, from the start (the new unit's older records included).
		await db.syncState.bulkDelete([CURSOR_KEY, REFETCH_KEY]);
		await db.syncState.put({ key: SCOPE_KEY, value: to });
		const notice: ScopeNotice = { from: before, to, at: now, removed, kept: keptCount };
		await db.syncState.put({ key: SCOPE_NOTICE_KEY, value: notice });
		return notice;
	});
}

/**
 * Ask the server who the session's account is now and adopt its scope (the first request of a
 * sync run); a change leaves its notice on the device (`readScopeNotice`), where the layout reads
 * it. Errors are the client's (a 401 for an ended session or a disabled account, offline…),
 * handled by the run like any other.
 */
export async function refreshAccount(deps: {
	db: AppDatabase;
	client: SyncClient;
	token: string;
	kept: PublicUser;
	now: () => number;
}): Promise<PublicUser> {
	const user = await deps.client.me(deps.token);
	if (user.id !== deps.kept.id) throw new Error('the session answered for another account');
	await adoptScope(deps.db, deps.kept, user, deps.now());
	return user;
}
