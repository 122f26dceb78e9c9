/**
 * Test helpers for server specs: a fresh SQLite database in a temp DATA_DIR, a clock the test
 * moves by hand, predictable ids, cheap scrypt, and record factories.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentRecord, Meeting, Plan, ProcedureMonth } from '$lib/domain/schemas';
import { formatHlc } from '$lib/domain/sync/hlc';
import type { Mutation, Role } from '$lib/domain/sync/protocol';
import { bootstrap } from './auth/bootstrap';
import { publicUser, createUser } from './auth/users';
import { makeContext, type ServerContext } from './context';
import { openSqliteStorage, type SqliteStorage } from './storage/sqlite';

/** 2026-05-04 09:00 UTC+7, a fixed "now" for tests. */
export const T0 = Date.UTC(2026, 4, 4, 2, 0, 0);

export interface TestServer {
	ctx: ServerContext;
	storage: SqliteStorage;
	dir: string;
	clock: { now: number };
	close(): void;
}

export const fakeUuid = (n: number): string =>
	`00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export function openTestServer(): TestServer {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-'));
	const storage = openSqliteStorage(dir);
	const clock = { now: T0 };
	let id = 0;
	const ctx = makeContext(storage, {
		now: () => clock.now,
		newId: () => fakeUuid(++id + 0xa00000),
		scrypt: { N: 1024, r: 8, p: 1 }
	});
	return {
		ctx,
		storage,
		dir,
		clock,
		close() {
			storage.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A server after first start (units, settings, admin with password `admin-password`). */
export async function openSeededServer(): Promise<TestServer> {
	const server = openTestServer();
	await bootstrap(server.ctx, 'admin-password');
	return server;
}

export async function addUser(
	ctx: ServerContext,
	username: string,
	role: Role,
	unitCode: string | null
) {
	const outcome = await createUser(ctx, null, {
		username,
		password: `${username}-password`,
		displayName: username,
		role,
		unitCode
	});
	if (!outcome.ok) throw new Error(Object.values(outcome.fields ?? {})[0] ?? outcome.code);
	return publicUser(outcome.user);
}

export const hlcAt = (wall: number, node = 'dev-a', counter = 0): string =>
	formatHlc({ wall, counter, node });

export function meeting(overrides: Partial<Meeting> = {}): Meeting {
	return {
		id: 'm-1',
		unitCode: 'VP',
		title: 'Giao ban tuần',
		category: 'hop',
		format: 'truc_tiep',
		role: 'chu_tri',
		paperless: false,
		status: 'held',
		sittings: [{ start: T0 - 3_600_000, end: T0 - 1_800_000 }],
		plannedMinutes: 60,
		attendees: 12,
		chair: 'Chủ tịch',
		location: 'Hội trường',
		notes: '',
		agenda: [],
		date: '2026-05-04',
		createdAt: T0 - 3_600_000,
		updatedAt: T0 - 3_600_000,
		deleted: false,
		...overrides
	};
}

export function documentRecord(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
	return {
		id: 'd-1',
		unitCode: 'VP',
		number: '12/KH-UBND',
		kind: 'ke_hoach',
		issuedOn: '2026-05-04',
		electronic: true,
		secret: false,
		title: 'Kế hoạch',
		createdAt: T0,
		updatedAt: T0,
		deleted: false,
		...overrides
	};
}

export function procedure(overrides: Partial<ProcedureMonth> = {}): ProcedureMonth {
	const unitCode = overrides.unitCode ?? 'VP';
	const month = overrides.month ?? '2026-04';
	return {
		id: `${unitCode}:${month}`,
		unitCode,
		month,
		total: 10,
		digital: 9,
		digitized: 8,
		createdAt: T0,
		updatedAt: T0,
		deleted: false,
		...overrides
	};
}

export function plan(overrides: Partial<Plan> = {}): Plan {
	const unitCode = overrides.unitCode ?? 'VP';
	const year = overrides.year ?? 2026;
	return {
		id: `${unitCode}:${year}`,
		unitCode,
		year,
		baselineConferences: 12,
		baselineDocuments: 40,
		plannedConferences: 10,
		baselineMonths: 12,
		createdAt: T0,
		updatedAt: T0,
		deleted: false,
		...overrides
	};
}

let mutationCounter = 0;

/** A put of a record; recordId from the record's key. */
export function mutation(
	entity: Mutation['entity'],
	record: Record<string, unknown>,
	overrides: Partial<Mutation> = {}
): Mutation {
	const key = entity === 'unit' ? record.code : record.id;
	return {
		mutationId: fakeUuid(++mutationCounter),
		entity,
		recordId: String(key),
		op: 'put',
		record,
		hlc: hlcAt(T0),
		...overrides
	};
}
