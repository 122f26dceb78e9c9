/**
 * Communes as tenants at the storage boundary: every commune-owned row is scoped by the commune
 * passed first, ids may repeat across communes, seq is counted per commune, and a database made
 * before tenants becomes the `default` commune with nothing lost. Units, the push schedule and
 * the refusal of an unknown commune are in storage.contract.spec.ts ("Communes as tenants"), on
 * both engines.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { legacySqlite } from '$factories/legacy-schema';
import { DB_FILE, openSqliteStorage } from './sqlite';
import {
	DEFAULT_COMMUNE,
	type BatchItem,
	type Decision,
	type MutationEnvelope,
	type StoredRecord
} from './types';

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
const item = (mutationId: string, recordId: string, title: string): BatchItem => ({
	envelope: env(mutationId, recordId),
	decide: put(title)
});

const commune = (id: string) => ({
	id,
	name: `Xã ${id}`,
	area: 'Huyện A',
	parentName: 'Lạng Sơn',
	createdAt: 5
});

describe('communes as tenants (storage)', () => {
	it('has the default commune with no setup, and creates others once', async () => {
		const s = openSqliteStorage(tempDir());
		expect((await s.listCommunes()).map((c) => c.id)).toEqual([DEFAULT_COMMUNE]);
		expect(await s.createCommune(commune('xa-b'))).toEqual(commune('xa-b'));
		expect(await s.createCommune({ ...commune('xa-b'), name: 'again' })).toBeNull();
		expect(await s.findCommune('xa-b')).toEqual(commune('xa-b'));
		expect(await s.findCommune('nowhere')).toBeNull();
		expect((await s.listCommunes()).map((c) => c.id)).toEqual([DEFAULT_COMMUNE, 'xa-b']);
		s.close();
	});

	it('keeps the same record id, mutation id and unit code apart per commune, with a seq per commune', async () => {
		const s = openSqliteStorage(tempDir());
		await s.createCommune(commune('xa-b'));
		const a = await s.applyBatch(DEFAULT_COMMUNE, [
			item('m1', 'r1', 'A one'),
			item('m2', 'r2', 'A two')
		]);
		// The same mutation id in another commune is a new mutation there, not a duplicate.
		const b = await s.applyBatch('xa-b', [item('m1', 'r1', 'B one')]);
		expect(a.ok && a.results.map((r) => [r.status, r.seq])).toEqual([
			['applied', 1],
			['applied', 2]
		]);
		expect(b.ok && b.results.map((r) => [r.status, r.seq])).toEqual([['applied', 1]]);
		expect((await s.findRecord(DEFAULT_COMMUNE, 'meeting', 'r1'))?.state.data.title).toBe('A one');
		expect((await s.findRecord('xa-b', 'meeting', 'r1'))?.state.data.title).toBe('B one');
		expect(await s.findRecord('xa-b', 'meeting', 'r2')).toBeNull();
		expect(await s.findAppliedMutation('xa-b', 'm2')).toBeNull();
		expect((await s.findAppliedMutation('xa-b', 'm1'))?.seq).toBe(1);

		// B's cursor never moves with A's writes.
		await s.applyMutation(DEFAULT_COMMUNE, env('m3', 'r1'), put('A again'));
		const pulledB = await s.pullChanges('xa-b', 0, 100, { all: true });
		expect(pulledB.map((r) => [r.id, r.seq, r.state.data.title])).toEqual([['r1', 1, 'B one']]);
		const pulledA = await s.pullChanges(DEFAULT_COMMUNE, 0, 100, { all: false, unitCode: 'VP' });
		expect(pulledA.map((r) => [r.id, r.seq])).toEqual([
			['r2', 2],
			['r1', 3]
		]);
		expect(await s.listHistory('xa-b', 'meeting', 'r1')).toEqual([]);
		expect(await s.listHistory(DEFAULT_COMMUNE, 'meeting', 'r1')).toHaveLength(1);
		expect(await s.counts('xa-b')).toEqual({
			records: 1,
			changes: 1,
			appliedMutations: 1,
			history: 0
		});
		expect((await s.counts(DEFAULT_COMMUNE)).records).toBe(2);
		expect((await s.listRecords('xa-b', ['meeting'])).map((r) => r.id)).toEqual(['r1']);
		s.close();
	});

	it('lists users per commune; province accounts have no commune', async () => {
		const s = openSqliteStorage(tempDir());
		await s.createCommune(commune('xa-b'));
		const base = {
			displayName: '',
			passwordHash: 'h',
			unitCode: null,
			disabled: false,
			mustChangePassword: false,
			createdAt: 1
		};
		await s.createUser({
			...base,
			id: '1',
			username: 'a',
			role: 'admin',
			communeId: DEFAULT_COMMUNE
		});
		await s.createUser({ ...base, id: '2', username: 'b', role: 'admin', communeId: 'xa-b' });
		await s.createUser({
			...base,
			id: '3',
			username: 'p',
			role: 'province_monitor',
			communeId: null
		});
		// Usernames stay unique across communes.
		expect(
			await s.createUser({ ...base, id: '4', username: 'a', role: 'admin', communeId: 'xa-b' })
		).toBeNull();
		// A commune role without a commune (or a province role with one) is refused by the schema.
		await expect(
			s.createUser({ ...base, id: '5', username: 'c', role: 'admin', communeId: null })
		).rejects.toThrow();
		expect((await s.listUsers('xa-b')).map((u) => u.username)).toEqual(['b']);
		expect((await s.listUsers(null)).map((u) => u.username)).toEqual(['p']);
		expect((await s.findUserById('3'))?.communeId).toBeNull();
		s.close();
	});

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
