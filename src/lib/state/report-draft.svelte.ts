/**
 * The report draft being edited: what is typed is kept in memory at once and written to IndexedDB
 * after a short pause (and when the page is hidden), so nothing typed is lost and the screen never
 * waits. The stored record comes through the one liveQuery bridge, so a draft synced from another
 * phone shows up when it is newer than the local edit.
 */
import type { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import { getReport, saveReport } from '$lib/db/reports';
import type { IssuedFigures, ReportDraft } from '$lib/domain/report-document';
import { Live } from './live.svelte';

export type SaveState = 'idle' | 'pending' | 'saved' | 'error';

export class ReportDraftEditor {
	#db: AppDatabase;
	#clock: Clock;
	#delay: number;
	#stored: Live<ReportDraft | null, string>;
	#pending = $state.raw<ReportDraft | null>(null);
	#saveState = $state<SaveState>('idle');
	#error = $state<unknown>(null);
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(db: AppDatabase, id: () => string, clock: Clock, delayMs = 400) {
		this.#db = db;
		this.#clock = clock;
		this.#delay = delayMs;
		this.#stored = new Live((key: string) => getReport(db, key).then((r) => r ?? null), id);
		// Once the stored record has caught up with the saved edit, the store is the truth again: a
		// record dropped or replaced later (a refused change discarded, a pull) shows as stored, not
		// as the edit kept in memory.
		$effect(() => {
			const stored = this.#stored.current;
			const pending = this.#pending;
			if (pending === null || stored == null || this.#saveState === 'pending') return;
			if (stored.id === pending.id && stored.updatedAt >= pending.updatedAt) this.#pending = null;
		});
		$effect(() => {
			id();
			// Another report chosen: what was typed for the previous one is written first.
			return () => {
				void this.flush().then(() => {
					this.#saveState = 'idle';
				});
			};
		});
		$effect(() => {
			const hide = () => void this.flush();
			const hidden = () => {
				if (document.visibilityState === 'hidden') hide();
			};
			window.addEventListener('pagehide', hide);
			document.addEventListener('visibilitychange', hidden);
			return () => {
				window.removeEventListener('pagehide', hide);
				document.removeEventListener('visibilitychange', hidden);
			};
		});
	}

	get isLoading(): boolean {
		return this.#stored.isLoading;
	}
	get error(): unknown {
		return this.#error ?? this.#stored.error;
	}
	get saveState(): SaveState {
		return this.#saveState;
	}
	/** The stored draft (null when none yet; undefined while loading). */
	get stored(): ReportDraft | null | undefined {
		return this.#stored.current;
	}

	/** The draft to show: the local edit unless a newer stored one arrived, else the stored one. */
	current(id: string): ReportDraft | null {
		const stored = this.#stored.current ?? null;
		const pending = this.#pending?.id === id ? this.#pending : null;
		if (pending && (stored === null || stored.updatedAt <= pending.updatedAt)) return pending;
		return stored?.id === id ? stored : null;
	}

	/** Applies an edit to the draft in memory and schedules its write. */
	update(base: ReportDraft, patch: Partial<ReportDraft>): void {
		this.#pending = { ...base, ...patch, updatedAt: this.#clock.now() };
		this.#saveState = 'pending';
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), this.#delay);
	}

	/** Writes the pending edit now (resolves once it is in IndexedDB). */
	async flush(): Promise<void> {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		const draft = this.#pending;
		if (draft === null) return;
		try {
			const saved = await saveReport(this.#db, draft, this.#clock);
			if (this.#pending === draft) this.#pending = saved;
			this.#saveState = 'saved';
			this.#error = null;
		} catch (e) {
			this.#saveState = 'error';
			this.#error = e;
		}
	}

	/**
	 * Marks the report final with the figures it is issued with. The screen shows it final only
	 * once that is stored ("Đang lưu…" meanwhile): a phone closed in that moment never showed a
	 * final report it then forgets. Refused (e.g. over the report's size cap), it stays a draft,
	 * the typed text kept, and the error says why.
	 */
	async markFinal(base: ReportDraft, issued: IssuedFigures): Promise<void> {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		const before = this.#pending;
		this.#saveState = 'pending';
		try {
			const saved = await saveReport(
				this.#db,
				{ ...base, status: 'final', issued, updatedAt: this.#clock.now() },
				this.#clock
			);
			const typed = this.#pending;
			if (typed === before) this.#pending = saved;
			else if (typed?.id === saved.id) {
				// Typed while it was written: that edit, on top of the final mark, is written next.
				this.update(typed, { status: 'final', issued });
				return;
			}
			this.#saveState = 'saved';
			this.#error = null;
		} catch (e) {
			this.#saveState = 'error';
			this.#error = e;
		}
	}

	/** Back to a draft: the issued figures are dropped and the live ones shown again. */
	async reopen(base: ReportDraft): Promise<void> {
		this.update(base, { status: 'draft', issued: null });
		await this.flush();
	}
}
