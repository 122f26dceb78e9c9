/**
 * The CSV import pipeline on top of the pure csv layer: read the files, recognise their kind,
 * validate them (in chunks that yield to the event loop), compare with what is stored (added vs
 * updated) and, only when the caller confirms, write every valid row of every file in ONE
 * transaction with its outbox entries. Used by the import worker (./import-worker-core.ts) for
 * /import (with a preview) and the demo loader.
 */
import { ENTITY_OF_KIND, IMPORT_KINDS, type ImportKind } from '$lib/csv/columns';
import { detectKind } from '$lib/csv/detect';
import { parseCsv, type CsvRow } from '$lib/csv/parse';
import { validateInChunks, type KindRecord } from '$lib/csv/validate';
import type { Rejected } from '$lib/csv/validate-common';
import { keyOf as keyOfRecord, nameOf } from '$lib/domain/entities';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import type { Meeting } from '$lib/domain/schemas';
import { writeBatch, type BatchOptions } from './write';
import { markParsed } from './aggregates';

/** Why a whole file cannot be imported; the UI shows `import.problem.<code>`. */
export type FileProblem = 'unknownKind' | 'reportKind';

export interface ImportFileInput {
	name: string;
	text: string;
}

export type AnyRecord = KindRecord[ImportKind];

export interface FilePlan {
	name: string;
	kind: ImportKind | null;
	problem: FileProblem | null;
	/** Data lines read from the file (valid, rejected or unreadable). */
	rows: number;
	/** Valid records to write (a meeting of several sittings is one record). */
	records: AnyRecord[];
	/** Records that are new on this device (or come back from a deletion). */
	added: number;
	/** Records that replace a stored one (or one from an earlier file of the same batch). */
	updated: number;
	/** Every rejected line, by line number; reasons in Vietnamese. */
	rejected: Rejected[];
	/**
	 * Meetings marked held (`held`) with a sitting after the check's time: the form refuses them,
	 * the import lists them for the clerk to check before confirming (a year typed 2027 for 2026
	 * would otherwise pass unnoticed; clerk review 17). Still imported: a file may be checked on a
	 * phone whose clock is behind. Empty for other kinds.
	 */
	heldAhead: { title: string; date: string }[];
}

export interface ImportPlan {
	/** In processing order (the registry's: units first), then unrecognised files. */
	files: FilePlan[];
	added: number;
	updated: number;
	rejected: number;
}

export interface PrepareOptions {
	onProgress?: (done: number, total: number) => void;
	yieldToLoop?: () => Promise<void>;
	signal?: AbortSignal;
	chunkSize?: number;
}

/** Held meetings with a sitting after `now`, by date. */
const heldAhead = (meetings: readonly Meeting[], now: number): FilePlan['heldAhead'] =>
	meetings
		.filter((m) => m.status === 'held' && m.sittings.some((s) => s.start > now))
		.map((m) => ({ title: m.title, date: m.date }))
		.sort((a, b) => a.date.localeCompare(b.date));

const keyOf = (kind: ImportKind, record: object): string =>
	keyOfRecord(ENTITY_OF_KIND(kind), record);

async function storedOf(db: AppDatabase, kind: ImportKind): Promise<Map<string, AnyRecord>> {
	const rows = (await db.recordTable(ENTITY_OF_KIND(kind).name).toArray()) as AnyRecord[];
	return new Map(rows.map((r) => [keyOf(kind, r), r]));
}

interface Parsed {
	index: number;
	name: string;
	kind: ImportKind | null;
	problem: FileProblem | null;
	rows: CsvRow[];
	readErrors: Rejected[];
}

function readFile(file: ImportFileInput, index: number): Parsed {
	const parsed = parseCsv(file.text);
	const detected = detectKind(parsed.headers);
	const kind = detected === 'report' ? null : detected;
	const problem: FileProblem | null =
		detected === 'report' ? 'reportKind' : detected === null ? 'unknownKind' : null;
	return {
		index,
		name: file.name,
		kind,
		problem,
		rows: kind ? parsed.rows : [],
		readErrors: kind ? parsed.errors : []
	};
}

const order = (p: Parsed): number => (p.kind ? IMPORT_KINDS.indexOf(p.kind) : IMPORT_KINDS.length);

/**
 * Validates a batch of CSV files against the stored data. Writes nothing. Units come first, so
 * the units of the same batch count as known to the other files.
 */
export async function prepareImport(
	db: AppDatabase,
	files: readonly ImportFileInput[],
	clock: Clock,
	options: PrepareOptions = {}
): Promise<ImportPlan> {
	const parsed = files.map(readFile).sort((a, b) => order(a) - order(b) || a.index - b.index);
	const total = parsed.reduce((n, p) => n + p.rows.length, 0);
	const kinds = new Set(parsed.flatMap((p) => (p.kind ? [p.kind] : [])));
	kinds.add('units');
	const stored = new Map<ImportKind, Map<string, AnyRecord>>();
	for (const kind of kinds) stored.set(kind, await storedOf(db, kind));
	const inBatch = new Map<ImportKind, Map<string, AnyRecord>>(
		IMPORT_KINDS.map((k) => [k, new Map()])
	);

	const knownUnitCodes = new Set<string>();
	for (const [code, unit] of stored.get('units') ?? []) {
		if (!unit.deleted) knownUnitCodes.add(code);
	}

	const now = clock.now();
	const out: FilePlan[] = [];
	let before = 0;
	for (const p of parsed) {
		if (!p.kind) {
			out.push({
				name: p.name,
				kind: null,
				problem: p.problem,
				rows: 0,
				records: [],
				added: 0,
				updated: 0,
				rejected: [],
				heldAhead: []
			});
			continue;
		}
		const kind = p.kind;
		const storedKind = stored.get(kind) ?? new Map<string, AnyRecord>();
		const batchKind = inBatch.get(kind) ?? new Map<string, AnyRecord>();
		const result = await validateInChunks(
			kind,
			p.rows,
			{
				knownUnitCodes,
				now,
				newId: () => clock.newId(),
				existing: (id: string) => (batchKind.get(id) ?? storedKind.get(id)) as never
			},
			{
				chunkSize: options.chunkSize,
				yieldToLoop: options.yieldToLoop,
				signal: options.signal,
				onProgress: (done) => options.onProgress?.(before + done, total)
			}
		);
		before += p.rows.length;
		const records = result.records as AnyRecord[];
		let added = 0;
		let updated = 0;
		for (const r of records) {
			const key = keyOf(kind, r);
			const old = storedKind.get(key);
			if (batchKind.has(key) || (old && !old.deleted)) updated++;
			else added++;
			batchKind.set(key, r);
			if (kind === 'units') knownUnitCodes.add(key);
		}
		out.push({
			name: p.name,
			kind,
			problem: null,
			rows: p.rows.length + p.readErrors.length,
			records,
			added,
			updated,
			rejected: [...p.readErrors, ...result.rejected].sort((a, b) => a.line - b.line),
			heldAhead: kind === 'meetings' ? heldAhead(records as Meeting[], now) : []
		});
	}
	if (total === 0) options.onProgress?.(0, 0);
	return {
		files: out,
		added: out.reduce((n, f) => n + f.added, 0),
		updated: out.reduce((n, f) => n + f.updated, 0),
		rejected: out.reduce((n, f) => n + f.rejected.length, 0)
	};
}

/**
 * Writes the valid records of every file in one transaction (all or nothing), with outbox
 * entries, in steps that let the screen breathe; a cancel (options.signal) writes nothing.
 */
export async function commitImport(
	db: AppDatabase,
	plan: ImportPlan,
	clock: Clock,
	options: BatchOptions = {}
): Promise<number> {
	// Every record was parsed by its schema when the file was checked: the aggregates trust that.
	for (const f of plan.files) markParsed(f.records);
	return writeBatch(
		db,
		plan.files.flatMap((f) =>
			f.kind ? [{ entity: nameOf(ENTITY_OF_KIND(f.kind)), records: f.records }] : []
		),
		clock,
		// One outbox entry per step, each record's change an item of it (sent one mutation per record).
		{ ...options, outbox: 'step' }
	);
}

/** Prepare and write at once, on the calling thread (tests and fixtures: no preview). */
export async function importFiles(
	db: AppDatabase,
	files: readonly ImportFileInput[],
	clock: Clock,
	options: PrepareOptions = {}
): Promise<ImportPlan> {
	const plan = await prepareImport(db, files, clock, options);
	await commitImport(db, plan, clock);
	return plan;
}
