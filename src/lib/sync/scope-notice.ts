/**
 * The notice of a change of role or unit (sync/account-scope.ts writes it): its own small module,
 * so the notice (components/AccountChangeNotice.svelte, loaded on every screen after the first
 * paint) reads it without the sync code.
 */
import type { AppDatabase } from '$lib/db/database';
import type { Role } from '$lib/domain/users';

/** syncState: the last change of scope, until the user has read it. */
export const SCOPE_NOTICE_KEY = 'scopeNotice';

export interface AccountScope {
	role: Role;
	unitCode: string | null;
}

export interface ScopeNotice {
	from: AccountScope;
	to: AccountScope;
	at: number;
	/** Records removed: the account may no longer read them. */
	removed: number;
	/** Records it may no longer read, kept for their unsent changes. */
	kept: number;
}

/** The notice of the last change of scope, if the user has not dismissed it. */
export async function readScopeNotice(db: AppDatabase): Promise<ScopeNotice | null> {
	const v = (await db.syncState.get(SCOPE_NOTICE_KEY))?.value as ScopeNotice | undefined;
	return v && typeof v === 'object' && v.from && v.to ? v : null;
}

export async function dismissScopeNotice(db: AppDatabase): Promise<void> {
	await db.syncState.delete(SCOPE_NOTICE_KEY);
}
