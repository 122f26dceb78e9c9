/**
 * A form's draft for the life of its component: what is typed is kept on the device
 * (`db/drafts.ts`) and the form is marked dirty (`dirty.svelte.ts`), so a call, the app being
 * killed or the update's reload never loses it and the update prompt says the truth ("Bản nháp đã
 * được lưu"). Every entry form uses it. Make it while the component initialises (it unmarks the
 * form when the component goes); `load` once mounted, before `keep` does anything. `whenGone` is
 * Svelte's `onDestroy` in a component; a unit test passes its own (form-draft.spec.ts).
 *
 * `enabled`: a form the account may not write (a read-only plan row, units for a non-admin) has
 * no draft: while it is false, `load` reads nothing, `ready` is true (the form is not busy) and
 * `keep` keeps nothing. Where it can change (a new role reaches the phone: sync/account-scope.ts),
 * call `load` in an `$effect`: it reads `enabled`, so the effect runs again when the form becomes
 * writable, and the draft is read then (once).
 */
import { onDestroy } from 'svelte';
import { systemClock } from '$lib/db/clock';
import type { AppDatabase } from '$lib/db/database';
import { draftKeeper, loadDraft, saveDraft } from '$lib/db/drafts';
import { dirtyForms } from './dirty.svelte';

export class FormDraft<T> {
	/** The form opened on a draft: it shows `DraftRestored` until saved or discarded. */
	restored = $state(false);
	/** The draft was read (or failed to be). */
	#read = $state(false);
	/** `load` has started reading. */
	#asked = false;
	readonly #enabled: () => boolean;
	/** Edits kept so far: a save ending forgets the draft only if nothing was typed meanwhile. */
	#edits = 0;
	/** A draft is on the device (loaded or kept): only then has `forget` anything to delete. */
	#held = false;
	/** The form is leaving after its save (`close`, `moveTo`): nothing more is kept. */
	#closed = false;
	/**
	 * What the form showed when typed in before its draft was read (a slow phone opening it at its
	 * start: Dexie loads after the first paint), which `keep` could not keep yet: `load` keeps it
	 * (no draft) or `restore` puts the draft under it.
	 */
	#early: T | undefined = undefined;
	readonly #keeper: ReturnType<typeof draftKeeper>;

	constructor(
		private readonly db: AppDatabase,
		readonly key: string,
		{
			whenGone = onDestroy,
			enabled = () => true
		}: { whenGone?: (end: () => void) => void; enabled?: () => boolean } = {}
	) {
		this.#enabled = enabled;
		this.#keeper = draftKeeper(db, key, () => systemClock.now());
		whenGone(() => dirtyForms.mark(key, false));
	}

	/**
	 * The form may take its defaults and keep what is typed: its draft was read (or failed to be),
	 * or it has none to read (not enabled).
	 */
	get ready(): boolean {
		return this.#read || !this.#enabled();
	}

	/**
	 * The draft left on the device, if any (then the form is dirty and `restored`). Read once, and
	 * only while enabled (else, or called again, undefined).
	 */
	async load(): Promise<T | undefined> {
		if (!this.#enabled() || this.#asked) return undefined;
		this.#asked = true;
		const draft = await loadDraft<T>(this.db, this.key).catch(() => undefined);
		if (draft !== undefined) {
			this.restored = true;
			this.#held = true;
			dirtyForms.mark(this.key, true);
		}
		this.#read = true;
		// Typed while the draft was being read, and no draft: that typing is the draft now.
		const early = this.#early;
		if (draft === undefined && early !== undefined) {
			this.#early = undefined;
			this.keep(early);
		}
		return draft;
	}

	/**
	 * The `draft` that `load` gave, as the form shows it. A form typed in while its draft was being
	 * read keeps that typing: a field changed since the form opened (`shown` against `opened`, what
	 * the form showed before any typing) stays as typed, the others take the draft's, and that is
	 * kept as the draft. (The old forms put the draft over the typing: it went from the screen and
	 * was never kept.) Nothing typed before the read: the draft as it is.
	 */
	restore(draft: T, opened: T, shown: T): T {
		if (this.#early === undefined) return draft;
		this.#early = undefined;
		const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
		const was = opened as Record<string, unknown>;
		const now = shown as Record<string, unknown>;
		const value = { ...draft } as Record<string, unknown>;
		for (const k of Object.keys(now)) if (!same(now[k], was[k])) value[k] = now[k];
		this.keep(value as T);
		return value as T;
	}

	/**
	 * What is typed now. Before the draft was read it is only noted, never written (it would
	 * overwrite the draft): `load` or `restore` keeps it once the draft is read.
	 */
	keep(value: T): void {
		if (this.#closed) return;
		if (!this.#read) {
			if (this.#enabled()) this.#early = value;
			return;
		}
		this.#edits++;
		this.#held = true;
		dirtyForms.mark(this.key, true);
		this.#keeper.keep(value);
	}

	/** Where the typing stands: taken when a save starts, given to `forget` when it ends. */
	get edits(): number {
		return this.#edits;
	}

	/** Something was typed since `since` (`edits` when a save started): the save did not take it. */
	typedSince(since: number): boolean {
		return since !== this.#edits;
	}

	/**
	 * Saved or discarded: the draft goes and the form is no longer dirty. With `since` (`edits`
	 * when the save started), kept when more was typed while the save was writing: false then.
	 */
	async forget(since?: number): Promise<boolean> {
		if (since !== undefined && this.typedSince(since)) return false;
		this.restored = false;
		dirtyForms.mark(this.key, false);
		if (this.#held) {
			this.#held = false;
			await this.#keeper.forget();
		}
		return true;
	}

	/**
	 * The form goes on as another one (a new record's, once saved, as that record's edit form):
	 * `value`, what it shows, is that form's draft now (written at once: the form is about to go),
	 * and this one's is gone.
	 */
	async moveTo(key: string, value: T): Promise<void> {
		await saveDraft(this.db, key, value, systemClock.now());
		this.close();
		this.#held = true;
		await this.forget();
	}

	/**
	 * The form leaves the screen after its save: what it is told to keep from now on (a field's
	 * `change` as it loses the focus) would bring back, under this key, a draft of what is saved.
	 */
	close(): void {
		this.#closed = true;
	}
}
