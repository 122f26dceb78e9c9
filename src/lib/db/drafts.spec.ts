import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from './database';
import { draftKeeper, loadDraft } from './drafts';

let db: AppDatabase;
beforeEach(() => {
	db = new AppDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	vi.useRealTimers();
	db.close();
	await db.delete();
});

/** Until the draft of `key` reads `want` (IndexedDB writes settle outside fake timers). */
const draftIs = (key: string, want: unknown) =>
	vi.waitFor(async () => expect(await loadDraft(db, key)).toEqual(want));

describe('draftKeeper', () => {
	it('writes once typing pauses, the last value only', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const keeper = draftKeeper(db, 'document:new', () => 1);
		keeper.keep({ title: 'T' });
		keeper.keep({ title: 'Thông' });
		await vi.advanceTimersByTimeAsync(100);
		expect(await loadDraft(db, 'document:new')).toBeUndefined();
		keeper.keep({ title: 'Thông báo' });
		await vi.advanceTimersByTimeAsync(300);
		await draftIs('document:new', { title: 'Thông báo' });
	});

	it('forget removes the draft and drops a write still waiting', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const keeper = draftKeeper(db, 'meeting:new', () => 1);
		keeper.keep({ title: 'Họp' });
		await vi.advanceTimersByTimeAsync(300);
		await draftIs('meeting:new', { title: 'Họp' });
		keeper.keep({ title: 'Họp giao ban' });
		await keeper.forget();
		await vi.advanceTimersByTimeAsync(300);
		expect(await loadDraft(db, 'meeting:new')).toBeUndefined();
	});
});
