/**
 * Communes as tenants at the storage boundary, SQLite only: a database made before tenants
 * (SQLite's old version 5) becomes the `default` commune with nothing lost. The rest (the default
 * commune, ids, seq and pulls per commune, units, users, the push schedule, the refusal of an
 * unknown commune) is in storage.contract.spec.ts ("Communes as tenants"), on both engines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { legacySqlite } from '$factories/legacy-schema';
import { DB_FILE, openSqliteStorage } from './sqlite';
import { DEFAULT_COMMUNE, type Decision, type MutationEnvelope, type StoredRecord } from './types';

const dirs: string[] = [];
const tempDir = () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-hop-534-tenants-'));
	dirs.push(dir);
	return dir;
};
afterEach(() => {
	for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const env = (mutationId: string, recordId: string): MutationEnvelope => ({
	mutationId,
	entity: 'meeting',
	recordId,
	userId: 'u',
	deviceId: 'd',
	at: 1000
});
/** Write `title` over whatever is stored, keeping the old version in history. */
const put =
	(title: string, unitCode = 'VP') =>
	(current: StoredRecord | null): Decision => ({
		kind: 'write',
		state: { data: { title, updatedAt: 1000 }, clocks: { title: `h-${title}` } },
		unitCode,
		hlc: `h-${title}`,
		deleted: false,
		changed: true,
		history: current ? [{ kind: 'superseded', state: current.state }] : []
	});

describe('communes as tenants (storage)', () => {
	it('moves a database made before tenants into the default commune, losing nothing', async () => {
		const dir = tempDir();
		const db = new Database(path.join(dir, DB_FILE));
		db.pragma('foreign_keys = ON');
		legacySqlite(db, 5);
		db.exec(`
			INSERT INTO users (id, username, display_name, password_hash, role, unit_code, created_at)
				VALUES ('u1', 'lan', 'Lan', 'h', 'staff', 'VP', 1);
			INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('t', 'u1', 1, 99);
			INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at)
				VALUES ('https://push.example/1', 'u1', 'k', 'a', 1);
			INSERT INTO units (code, name, kind) VALUES ('VP', 'Văn phòng', 'office');
			INSERT INTO changes (seq, entity, record_id, unit_code, mutation_id, at)
				VALUES (7, 'meeting', 'r1', 'VP', 'm1', 1);
			INSERT INTO records (entity, id, unit_code, data, clocks, hlc, updated_at, deleted, seq)
				VALUES ('meeting', 'r1', 'VP', '{"title":"old"}', '{}', 'h', 1, 0, 7);
			INSERT INTO applied_mutations (mutation_id, result, applied_at)
				VALUES ('m1', '{"mutationId":"m1","status":"applied","seq":7}', 1);
			INSERT INTO record_history (entity, record_id, kind, data, clocks, mutation_id, at)
				VALUES ('meeting', 'r1', 'superseded', '{}', '{}', 'm1', 1);
			INSERT INTO push_schedule (meeting_id, user_id, threshold, due_at, payload)
				VALUES ('r1', 'u1', 'limit', 10, 'p');
		`);
		db.close();

		const s = openSqliteStorage(dir);
		expect((await s.findUserById('u1'))?.communeId).toBe(DEFAULT_COMMUNE);
		// Rebuilding the users table did not cascade into sessions or subscriptions.
		expect(await s.findSession('t')).not.toBeNull();
		expect(await s.pushSubscriptionsOf('u1')).toHaveLength(1);
		expect((await s.listUnits(DEFAULT_COMMUNE)).map((u) => u.code)).toEqual(['VP']);
		expect((await s.findRecord(DEFAULT_COMMUNE, 'meeting', 'r1'))?.seq).toBe(7);
		expect((await s.findAppliedMutation(DEFAULT_COMMUNE, 'm1'))?.seq).toBe(7);
		expect(await s.counts(DEFAULT_COMMUNE)).toEqual({
			records: 1,
			changes: 1,
			appliedMutations: 1,
			history: 1
		});
		expect((await s.pendingPushes())[0]?.communeId).toBe(DEFAULT_COMMUNE);
		// The commune's counter continues after the highest seq: a device's cursor stays valid.
		const next = await s.applyMutation(DEFAULT_COMMUNE, env('m2', 'r2'), put('new'));
		expect(next.seq).toBe(8);
		s.close();
	});
});
