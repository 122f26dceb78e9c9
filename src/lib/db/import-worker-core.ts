/**
 * What the import worker does (./import.worker.ts wires it to the worker's messages; the page
 * talks to it through ./import-client.ts). The CSV parse, the check against the stored data and
 * the write all run here, off the page's main thread: the page sends the chosen files, gets the
 * progress, a summary of the plan (without its records, which stay here) and the result.
 *
 * The worker opens the same database with the same schema (AppDatabase: the aggregates middleware
 * included) and writes through the same `commitImport`, so the records, their outbox step entries
 * and the aggregates are exactly what an import on the page wrote. The page's live queries see the
 * new rows through Dexie's change propagation between contexts (BroadcastChannel).
 */
import { setReasonLanguage } from '$lib/csv/reason-language';
import { loadDictionary } from '$lib/i18n/load';
import type { Lang } from '$lib/i18n/translate';
import type { Clock } from './clock';
import { AppDatabase } from './database';
import { commitImport, prepareImport, type FilePlan, type ImportPlan } from './import';

/** A file plan as the page sees it: counts and rejected lines, without the records. */
export type FileSummary = Omit<FilePlan, 'records'>;

export interface PlanSummary {
	files: FileSummary[];
	added: number;
	updated: number;
	rejected: number;
}

/** A chosen file: a File (the page's input) or its text (the demo loader's sample, tests). */
export interface WorkerFile {
	name: string;
	file?: Blob;
	text?: string;
}

/** A check or a write carries an id that every answer to it repeats. */
export type ToWorker =
	| { type: 'check'; id: number; dbName: string; lang: Lang; files: WorkerFile[] }
	| { type: 'commit'; id: number }
	| { type: 'stop' };

export type Answer =
	| { type: 'checked'; plan: PlanSummary }
	| { type: 'committed'; written: number }
	| { type: 'stopped' }
	| { type: 'failed'; message: string };

export type FromWorker = { id: number } & (
	{ type: 'progress'; done: number; total: number } | Answer
);

export const summaryOf = (plan: ImportPlan): PlanSummary => ({
	files: plan.files.map(({ records: _records, ...rest }) => rest),
	added: plan.added,
	updated: plan.updated,
	rejected: plan.rejected
});

export interface WorkerOptions {
	clock: Clock;
	/** Records per write step (and per outbox entry); commitImport's default when absent. */
	chunkSize?: number;
	/** Installs the reasons' texts of a language (the worker loads its chunk; tests have them). */
	loadTexts?: (lang: Lang) => Promise<void>;
	/** The database by name (tests pass fake-indexeddb's). */
	open?: (name: string) => AppDatabase;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The worker's message handler: one check, then at most one commit of that check's plan; a stop
 * aborts what runs (a stopped write rolls its one transaction back: nothing is written).
 */
export function importWorker(
	post: (message: FromWorker) => void,
	options: WorkerOptions
): (message: ToWorker) => Promise<void> {
	const open = options.open ?? ((name) => new AppDatabase(name, { seedClock: options.clock }));
	// The reasons (csv) and the labels of coded columns (core: meetings; registers: document and
	// unit kinds), in Vietnamese and the screen's language: a cell may hold a label of either
	// (csv/labels.ts), and a reason lists each code with its label. The same modules for both, so a
	// key is present in each language the worker holds.
	const loadTexts =
		options.loadTexts ??
		((lang) =>
			Promise.all(
				[...new Set(['vi', lang] as const)].map((l) =>
					loadDictionary(l, ['csv', 'core', 'registers'])
				)
			).then(() => undefined));
	let db: AppDatabase | null = null;
	let plan: ImportPlan | null = null;
	let controller: AbortController | null = null;
	return async (message) => {
		if (message.type === 'stop') {
			controller?.abort();
			return;
		}
		controller?.abort();
		const mine = new AbortController();
		controller = mine;
		const id = message.id;
		const progress = (done: number, total: number) => post({ id, type: 'progress', done, total });
		try {
			if (message.type === 'check') {
				plan = null;
				if (db?.name !== message.dbName) {
					db?.close();
					db = open(message.dbName);
				}
				await loadTexts(message.lang);
				setReasonLanguage(message.lang);
				const texts = await Promise.all(
					message.files.map(async (f) => ({ name: f.name, text: f.text ?? (await f.file!.text()) }))
				);
				mine.signal.throwIfAborted();
				plan = await prepareImport(db, texts, options.clock, {
					signal: mine.signal,
					onProgress: progress
				});
				post({ id, type: 'checked', plan: summaryOf(plan) });
				return;
			}
			if (!db || !plan) throw new Error('import: nothing checked to write');
			const current = plan;
			plan = null;
			const written = await commitImport(db, current, options.clock, {
				signal: mine.signal,
				chunkSize: options.chunkSize,
				onProgress: progress
			}).catch((e: unknown) => {
				// A failed write (not a stop) wrote nothing either: the same plan may be tried again.
				if (!mine.signal.aborted) plan = current;
				throw e;
			});
			post({ id, type: 'committed', written });
		} catch (e) {
			post(
				mine.signal.aborted
					? { id, type: 'stopped' }
					: { id, type: 'failed', message: messageOf(e) }
			);
		} finally {
			if (controller === mine) controller = null;
		}
	};
}
