/**
 * The commune's plans by year (settings `plans`) edited on two admins' phones at once: each phone
 * names the years it changed, the server merges year by year, and a phone's form, its unsent
 * edit and a pull keep the years the other phone added (docs/sync-protocol.md, "Plans merged year by year").
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { communePlans, type YearPlan } from '$lib/domain/commune-plans';
import { getSettings } from '$lib/db/settings';
import { saveSettings } from '$lib/db/settings-write';
import { addUser, openSeededServer, type TestServer } from '$lib/server/test-server';
import { phoneDatabases, syncDevice, testClock } from '$factories/devices';
import { T0 } from '$factories/sync';
import { DEFAULT_COMMUNE } from '../server/storage/types';
import { mergePulled } from './apply-pull';
import { pendingGroups } from './outbox';

const newDb = phoneDatabases('plans-by-year');
const plan = (year: number, number: string): YearPlan => ({
	year,
	number,
	date: `${year - 1}-12-20`
});
const p26 = plan(2026, '20/KH-UBND');
const p27 = plan(2027, '30/KH-UBND');

describe("two admins' phones editing the commune's plans", () => {
	let s: TestServer;
	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'admin-a', 'admin', null);
		await addUser(s.ctx, 'admin-b', 'admin', null);
	});
	afterEach(() => s.close());

	async function phone(username: string) {
		const d = await syncDevice(s, username, newDb());
		await d.run();
		return { ...d, clock: testClock(T0 + 60_000) };
	}
	type Phone = Awaited<ReturnType<typeof phone>>;
	/** The settings form: opens on the phone's plans, saves the rows shown. */
	async function openForm(p: Phone) {
		const base = communePlans(await getSettings(p.db, p.clock.now()));
		return (plans: YearPlan[]) => saveSettings(p.db, { plans, plansBase: base }, p.clock);
	}
	const years = async (p: Phone) =>
		communePlans(await getSettings(p.db, p.clock.now())).map((x) => x.year);

	it('different years both stay, also when a form opened before the other year came in', async () => {
		const a = await phone('admin-a');
		const b = await phone('admin-b');
		// B's form opens on no plan; A adds 2026 and syncs; B's phone pulls it while the form is open.
		const formB = await openForm(b);
		expect((await (await openForm(a))([p26])).ok).toBe(true);
		await a.run();
		await b.run();
		expect(await years(b)).toEqual([2026]);
		// B saves the form as shown (2027 only): 2026, which it never showed, stays.
		b.clock.t += 1000;
		expect((await formB([p27])).ok).toBe(true);
		expect(await years(b)).toEqual([2026, 2027]);
		// Its change names the year it wrote, not the whole list.
		const [group] = await pendingGroups(b.db);
		expect(group!.mutation.parts).toEqual(['plans.2027']);
		await b.run();
		await a.run();
		for (const p of [a, b]) expect(await years(p)).toEqual([2026, 2027]);
		const stored = await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings');
		expect(stored!.state.data.plans).toEqual([p26, p27]);
	});

	it('a form saved twice keeps a year it did not change again, also one typed with spaces', async () => {
		const a = await phone('admin-a');
		const b = await phone('admin-b');
		// A's form, kept open as the settings page keeps it: each save's base is the last one's.
		let base = communePlans(await getSettings(a.db, a.clock.now()));
		const saveA = async (plans: YearPlan[]) => {
			const r = await saveSettings(a.db, { plans, plansBase: base }, a.clock);
			if (r.ok) base = r.formPlans!;
			return r;
		};
		const typed = { ...p26, number: ' 20/KH-UBND ' };
		expect((await saveA([typed])).ok).toBe(true);
		await a.run();
		await b.run();
		// B edits 2026 later; A's phone pulls it while its form is still open.
		b.clock.t += 5000;
		const b26 = plan(2026, '21/KH-UBND');
		expect((await (await openForm(b))([b26])).ok).toBe(true);
		await b.run();
		await a.run();
		expect(communePlans(await getSettings(a.db, a.clock.now()))).toEqual([b26]);
		// A adds 2027 on the same form, its 2026 row as typed: 2026 is not its to write again.
		a.clock.t += 10_000;
		expect((await saveA([typed, p27])).ok).toBe(true);
		expect(communePlans(await getSettings(a.db, a.clock.now()))).toEqual([b26, p27]);
		const [group] = await pendingGroups(a.db);
		expect(group!.mutation.parts).toEqual(['plans.2027']);
		await a.run();
		const stored = await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings');
		expect(stored!.state.data.plans).toEqual([b26, p27]);
	});

	it('both phones adding a year offline: each keeps the other year after syncing', async () => {
		const a = await phone('admin-a');
		const b = await phone('admin-b');
		expect((await (await openForm(a))([p26])).ok).toBe(true);
		b.clock.t += 1000; // B saves later: before, its whole list won
		expect((await (await openForm(b))([p27])).ok).toBe(true);
		await a.run();
		// B's unsent 2027 and the server's 2026 (a pull merging them on the phone, as a run does
		// after its push): both show.
		const server = (await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings'))!.state;
		const local = await b.db.settings.get('settings');
		const entries = await b.db.outbox.where('entity').equals('settings').toArray();
		const merged = mergePulled(
			{ entity: 'settings', record: server.data, clocks: server.clocks },
			local as unknown as Record<string, unknown>,
			entries
		);
		expect((merged.plans as YearPlan[]).map((x) => x.year)).toEqual([2026, 2027]);
		await b.run();
		await a.run();
		for (const p of [a, b]) expect(await years(p)).toEqual([2026, 2027]);
		// A removes 2026: the removal names its year and goes through.
		a.clock.t += 5000;
		expect((await (await openForm(a))([p27])).ok).toBe(true);
		await a.run();
		await b.run();
		for (const p of [a, b]) expect(await years(p)).toEqual([2027]);
	});
});
