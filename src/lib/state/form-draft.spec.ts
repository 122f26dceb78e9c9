/**
 * FormDraft (form-draft.svelte.ts) without a component: the lifecycle hook is given (`whenGone`),
 * the drafts are in fake-indexeddb. What every entry form relies on: a draft read back, typing kept
 * once it pauses and never before the read, a failed read that still lets the form work, and
 * `forget` (saved or discarded) that keeps what was typed while a save was writing.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import { loadDraft, saveDraft } from '$lib/db/drafts';
import { dirtyForms } from './dirty.svelte';
import { FormDraft } from './form-draft.svelte';

type Fields = { title: string };
const KEY = 'meeting:new';

let db: AppDatabase;
/** The forms' ends, as Svelte's onDestroy would run them. */
let ends: (() => void)[];
const whenGone = (end: () => void) => void ends.push(end);
const formGoes = () => ends.splice(0).forEach((end) => end());
const make = () => new FormDraft<Fields>(db, KEY, { whenGone });

beforeEach(() => {
	db = new AppDatabase(`form-draft-${Math.random()}`);
	ends = [];
});
afterEach(async () => {
	formGoes();
	vi.useRealTimers();
	vi.restoreAllMocks();
	db.close();
	await db.delete();
});

/** Until the stored draft reads `want` (IndexedDB settles outside the fake timers). */
const storedIs = (want: unknown) =>
	vi.waitFor(async () => expect(await loadDraft(db, KEY)).toEqual(want));

describe('FormDraft', () => {
	it('restores the draft left on the device: the form is dirty and says so', async () => {
		await saveDraft(db, KEY, { title: 'Họp giao ban' }, 1);
		const draft = make();
		expect(draft.ready).toBe(false);
		expect(await draft.load()).toEqual({ title: 'Họp giao ban' });
		expect(draft.ready).toBe(true);
		expect(draft.restored).toBe(true);
		expect(dirtyForms.any).toBe(true);
		// The component going unmarks it (the draft stays on the device for the next opening).
		formGoes();
		expect(dirtyForms.any).toBe(false);
		await storedIs({ title: 'Họp giao ban' });
	});

	it('with no draft: ready, nothing restored, not dirty', async () => {
		const draft = make();
		expect(await draft.load()).toBeUndefined();
		expect(draft.ready).toBe(true);
		expect(draft.restored).toBe(false);
		expect(dirtyForms.any).toBe(false);
	});

	it('ignores typing before the draft was read, so it never writes over the draft', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		await saveDraft(db, KEY, { title: 'Bản nháp cũ' }, 1);
		const draft = make();
		draft.keep({ title: 'gõ quá sớm' });
		expect(draft.edits).toBe(0);
		expect(dirtyForms.any).toBe(false);
		await vi.advanceTimersByTimeAsync(1_000);
		await storedIs({ title: 'Bản nháp cũ' });
		expect(await draft.load()).toEqual({ title: 'Bản nháp cũ' });
	});

	it('typing before the draft was read, with no draft on the device: kept once it is read', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const put = vi.spyOn(db.drafts, 'put');
		const draft = make();
		draft.keep({ title: 'gõ' });
		draft.keep({ title: 'gõ trước' });
		expect(dirtyForms.any).toBe(false);
		expect(await draft.load()).toBeUndefined();
		expect(dirtyForms.any).toBe(true);
		await vi.advanceTimersByTimeAsync(300);
		await storedIs({ title: 'gõ trước' });
		expect(put).toHaveBeenCalledTimes(1);
	});

	it('restore: a field typed while the draft was being read stays as typed, the others take the draft’s, and that is kept', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		type Doc = { number: string; title: string; sittings: { date: string }[] };
		await saveDraft(db, KEY, { number: '5/TB', title: 'Gõ dở', sittings: [{ date: 'a' }] }, 1);
		const draft = new FormDraft<Doc>(db, KEY, { whenGone });
		const opened: Doc = { number: '', title: '', sittings: [{ date: 'x' }] };
		const shown: Doc = { number: '6/TB', title: '', sittings: [{ date: 'x' }] };
		draft.keep(shown);
		const kept = (await draft.load())!;
		expect(draft.restored).toBe(true);
		const value = draft.restore(kept, opened, shown);
		expect(value).toEqual({ number: '6/TB', title: 'Gõ dở', sittings: [{ date: 'a' }] });
		// Not written over by what was typed alone, before the read: the whole form's value is kept.
		await vi.advanceTimersByTimeAsync(300);
		await storedIs(value);
		// Once only: nothing typed early any more.
		expect(draft.restore(kept, opened, shown)).toBe(kept);
	});

	it('restore with nothing typed before the read: the draft as it is, nothing written', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		await saveDraft(db, KEY, { title: 'Bản nháp' }, 1);
		const put = vi.spyOn(db.drafts, 'put');
		const draft = make();
		const kept = (await draft.load())!;
		expect(draft.restore(kept, { title: '' }, { title: '' })).toBe(kept);
		await vi.advanceTimersByTimeAsync(300);
		expect(put).not.toHaveBeenCalled();
		expect(draft.edits).toBe(0);
	});

	it('not enabled (a form the account may not write): ready, reads and keeps nothing; once enabled, the draft is read', async () => {
		await saveDraft(db, KEY, { title: 'Bản nháp' }, 1);
		const get = vi.spyOn(db.drafts, 'get');
		const put = vi.spyOn(db.drafts, 'put');
		let writable = false;
		const draft = new FormDraft<Fields>(db, KEY, { whenGone, enabled: () => writable });
		// Not busy (a read-only row is not announced as loading), nothing read.
		expect(draft.ready).toBe(true);
		expect(await draft.load()).toBeUndefined();
		expect(get).not.toHaveBeenCalled();
		expect(draft.restored).toBe(false);
		draft.keep({ title: 'không được giữ' });
		expect(draft.edits).toBe(0);
		expect(dirtyForms.any).toBe(false);
		// The account may write it now (a new role reached the phone): busy until read, then the
		// draft left on the device, once.
		writable = true;
		expect(draft.ready).toBe(false);
		const read = draft.load();
		expect(await draft.load()).toBeUndefined();
		expect(await read).toEqual({ title: 'Bản nháp' });
		expect(draft.ready).toBe(true);
		expect(draft.restored).toBe(true);
		expect(put).not.toHaveBeenCalled();
		expect(get).toHaveBeenCalledTimes(1);
	});

	it('keeps what is typed once typing pauses (250 ms), the last value only', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const put = vi.spyOn(db.drafts, 'put');
		const draft = make();
		await draft.load();
		draft.keep({ title: 'H' });
		draft.keep({ title: 'Họp' });
		expect(draft.edits).toBe(2);
		expect(dirtyForms.any).toBe(true);
		await vi.advanceTimersByTimeAsync(200);
		expect(put).not.toHaveBeenCalled();
		draft.keep({ title: 'Họp xã' });
		await vi.advanceTimersByTimeAsync(200);
		expect(put).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(100);
		await storedIs({ title: 'Họp xã' });
		expect(put).toHaveBeenCalledTimes(1);
	});

	it('a failed read leaves the form usable: ready, nothing restored, typing kept from then on', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		vi.spyOn(db.drafts, 'get').mockRejectedValue(new DOMException('broken', 'UnknownError'));
		const draft = make();
		await expect(draft.load()).resolves.toBeUndefined();
		expect(draft.ready).toBe(true);
		expect(draft.restored).toBe(false);
		expect(dirtyForms.any).toBe(false);
		draft.keep({ title: 'Họp sau lỗi' });
		expect(dirtyForms.any).toBe(true);
		await vi.advanceTimersByTimeAsync(300);
		vi.mocked(db.drafts.get).mockRestore();
		await storedIs({ title: 'Họp sau lỗi' });
	});

	it('forget() with a draft held: the draft goes, the form is clean and no longer restored', async () => {
		await saveDraft(db, KEY, { title: 'Họp' }, 1);
		const draft = make();
		await draft.load();
		await draft.forget();
		expect(draft.restored).toBe(false);
		expect(dirtyForms.any).toBe(false);
		expect(await loadDraft(db, KEY)).toBeUndefined();
	});

	it('forget() drops a write still waiting for typing to pause', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const draft = make();
		await draft.load();
		draft.keep({ title: 'Họp' });
		await draft.forget();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(await loadDraft(db, KEY)).toBeUndefined();
		expect(dirtyForms.any).toBe(false);
	});

	it('forget() with no draft held deletes nothing (another form of the key may hold one)', async () => {
		const draft = make();
		await draft.load();
		const del = vi.spyOn(db.drafts, 'delete');
		// Written after this form read (e.g. the same form in another tab).
		await saveDraft(db, KEY, { title: 'Tab khác' }, 2);
		await draft.forget();
		expect(del).not.toHaveBeenCalled();
		expect(await loadDraft(db, KEY)).toEqual({ title: 'Tab khác' });
		expect(dirtyForms.any).toBe(false);
	});

	it('forget(since) at the count the save started with: the draft goes', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const draft = make();
		await draft.load();
		draft.keep({ title: 'Họp' });
		await vi.advanceTimersByTimeAsync(300);
		await storedIs({ title: 'Họp' });
		const atSave = draft.edits;
		expect(draft.typedSince(atSave)).toBe(false);
		expect(await draft.forget(atSave)).toBe(true);
		expect(dirtyForms.any).toBe(false);
		expect(await loadDraft(db, KEY)).toBeUndefined();
	});

	it('forget(since) after more was typed during the save: the new typing stays a draft, the form dirty', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		await saveDraft(db, KEY, { title: 'Họp' }, 1);
		const draft = make();
		await draft.load();
		const atSave = draft.edits;
		// Typed while the save was writing.
		draft.keep({ title: 'Họp giao ban' });
		expect(draft.typedSince(atSave)).toBe(true);
		expect(await draft.forget(atSave)).toBe(false);
		expect(dirtyForms.any).toBe(true);
		expect(draft.restored).toBe(true);
		await vi.advanceTimersByTimeAsync(300);
		await storedIs({ title: 'Họp giao ban' });
		// The next save, with nothing typed during it, forgets it.
		await draft.forget(draft.edits);
		expect(dirtyForms.any).toBe(false);
		expect(await loadDraft(db, KEY)).toBeUndefined();
	});

	it('moveTo: what the form shows becomes the other key’s draft at once (no typing pause), this one’s goes', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const draft = make();
		await draft.load();
		draft.keep({ title: 'Họp' });
		await draft.moveTo('meeting:m1', { title: 'Họp giao ban' });
		expect(await loadDraft(db, 'meeting:m1')).toEqual({ title: 'Họp giao ban' });
		// The write still waiting for a pause never comes: the new form's key has no twin here.
		await vi.advanceTimersByTimeAsync(1_000);
		expect(await loadDraft(db, KEY)).toBeUndefined();
		expect(dirtyForms.any).toBe(false);
	});

	it('moveTo that cannot write (storage full): it throws and this form’s draft stays', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		await saveDraft(db, KEY, { title: 'Họp' }, 1);
		const draft = make();
		await draft.load();
		vi.spyOn(db.drafts, 'put').mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
		await expect(draft.moveTo('meeting:m1', { title: 'Họp giao ban' })).rejects.toThrow('full');
		vi.mocked(db.drafts.put).mockRestore();
		expect(await loadDraft(db, 'meeting:m1')).toBeUndefined();
		expect(await loadDraft(db, KEY)).toEqual({ title: 'Họp' });
		expect(dirtyForms.any).toBe(true);
	});

	it('after moveTo or close (the form leaves after its save), a late keep writes nothing back', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const draft = make();
		await draft.load();
		draft.keep({ title: 'Họp' });
		await draft.moveTo('meeting:m1', { title: 'Họp' });
		// A field's change event as the form goes.
		draft.keep({ title: 'Họp' });
		await vi.advanceTimersByTimeAsync(1_000);
		expect(await loadDraft(db, KEY)).toBeUndefined();
		expect(dirtyForms.any).toBe(false);

		const other = make();
		await other.load();
		other.keep({ title: 'Họp giao ban' });
		await other.forget();
		other.close();
		other.keep({ title: 'Họp giao ban' });
		await vi.advanceTimersByTimeAsync(1_000);
		expect(await loadDraft(db, KEY)).toBeUndefined();
		expect(dirtyForms.any).toBe(false);
	});
});
