/**
 * ReportDraftEditor (report-draft.svelte.ts) without a component: the store is fake-indexeddb,
 * and `saveReport` can be held at a gate. What the report page relies on when a report is made
 * final: it shows final only once that is stored, a refused mark leaves a draft with the typed
 * text, and text typed during the write is kept, final.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase } from '$lib/db/database';
import type { Clock } from '$lib/db/clock';
import * as reports from '$lib/db/reports';
import {
	reportDraftSchema,
	type IssuedFigures,
	type ReportDraft
} from '$lib/domain/report-document';
import { finalReport } from '$factories/communes';
import { ReportDraftEditor } from './report-draft.svelte';

const ID = '*:6month:2026'; // finalReport's
let db: AppDatabase;
let now = 1_780_000_000_000;
const clock: Clock = { now: () => now, newId: () => crypto.randomUUID() };

/** The commune's 6-month report of 2026 (the factory's), as a draft not yet issued. */
const final = reportDraftSchema.parse(finalReport(null));
const issued: IssuedFigures = final.issued!;
const draft = (): ReportDraft =>
	reportDraftSchema.parse({ ...final, status: 'draft', issued: null, deployment: '' });

/** Vitest compiles the runes for the server, where `$effect` does not run: the editor's own state
 * (the edit in memory, the save state) is what is tested, not its reading of the store. */
const editor = () => new ReportDraftEditor(db, () => ID, clock, 60_000);

/** `saveReport` held until `open()`, then the real one (or `fail`). */
function gate(fail?: Error) {
	let open!: () => void;
	const opened = new Promise<void>((r) => (open = r));
	const real = reports.saveReport;
	const spy = vi.spyOn(reports, 'saveReport').mockImplementation(async (...args) => {
		await opened;
		if (fail) throw fail;
		return real(...args);
	});
	return { open, spy };
}

beforeEach(() => {
	db = new AppDatabase(`report-draft-${Math.random()}`);
	now = 1_780_000_000_000;
});
afterEach(async () => {
	vi.restoreAllMocks();
	db.close();
	await db.delete();
});

describe('ReportDraftEditor.markFinal', () => {
	it('shows the report final only once the mark is stored, "Đang lưu…" meanwhile', async () => {
		const e = editor();
		e.update(draft(), { deployment: 'Đã triển khai.' });
		const { open } = gate();
		now += 1000;
		const marking = e.markFinal(e.current(ID)!, issued);
		expect(e.saveState).toBe('pending');
		expect(e.current(ID)).toMatchObject({ status: 'draft', deployment: 'Đã triển khai.' });
		expect(await db.reports.get(ID)).toBeUndefined();
		open();
		await marking;
		expect(e.saveState).toBe('saved');
		expect(e.current(ID)).toMatchObject({ status: 'final', deployment: 'Đã triển khai.' });
		expect(await db.reports.get(ID)).toMatchObject({
			status: 'final',
			deployment: 'Đã triển khai.',
			issued: { asOf: '2026-06-14' }
		});
	});

	it('a refused mark leaves a draft, the typed text kept and the error said', async () => {
		const e = editor();
		e.update(draft(), { shortcomings: 'Đường truyền yếu.' });
		const { open } = gate(new Error('QuotaExceededError'));
		const marking = e.markFinal(e.current(ID)!, issued);
		open();
		await marking;
		expect(e.saveState).toBe('error');
		expect(e.error).toBeInstanceOf(Error);
		expect(e.current(ID)).toMatchObject({ status: 'draft', shortcomings: 'Đường truyền yếu.' });
		expect(await db.reports.get(ID)).toBeUndefined();
	});

	it('text typed while the mark is written stays, and the report stays final with it', async () => {
		const e = editor();
		const base = draft();
		const { open, spy } = gate();
		const marking = e.markFinal(base, issued);
		now += 1000;
		e.update(e.current(ID) ?? base, { proposals: 'Đề nghị cấp thêm máy tính.' });
		open();
		await marking;
		expect(e.current(ID)).toMatchObject({
			status: 'final',
			proposals: 'Đề nghị cấp thêm máy tính.'
		});
		await e.flush();
		expect(spy).toHaveBeenCalledTimes(2);
		expect(await db.reports.get(ID)).toMatchObject({
			status: 'final',
			proposals: 'Đề nghị cấp thêm máy tính.'
		});
		expect(e.saveState).toBe('saved');
	});
});
