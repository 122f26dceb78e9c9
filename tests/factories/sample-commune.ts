/**
 * Test-only loader of the sample commune in tests/fixtures/sample-commune, the repository's one copy
 * of the version-2 sample (the demo loader imports the same files). No quoted fields there, so a plain
 * split is enough). Independent of the app's CSV importer on purpose. Every record is checked
 * against the domain schemas so a broken fixture fails loudly.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { meetingDate } from '$lib/domain/meeting';
import {
	documentSchema,
	incomingMonthSchema,
	meetingSchema,
	planSchema,
	procedureMonthSchema,
	unitSchema,
	type DocumentRecord,
	type IncomingMonth,
	type Meeting,
	type Plan,
	type ProcedureMonth,
	type Unit
} from '$lib/domain/schemas';
import { localToMs } from '$lib/domain/time';
import {
	makeDocument,
	makeIncoming,
	makeMeeting,
	makePlan,
	makeProcedure,
	makeUnit
} from './records';

export const SAMPLE_DIR = fileURLToPath(new URL('../fixtures/sample-commune', import.meta.url));

export interface SampleCommune {
	units: Unit[];
	plans: Plan[];
	meetings: Meeting[];
	documents: DocumentRecord[];
	procedures: ProcedureMonth[];
	incoming: IncomingMonth[];
}

/** Reads a sample file: BOM stripped, CRLF normalised. */
export function readSampleFile(relative: string): string {
	return readFileSync(path.join(SAMPLE_DIR, relative), 'utf8')
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n');
}

/** Rows of a header-first CSV without quoted fields, as objects keyed by column name. */
export function readRows(relative: string): Record<string, string>[] {
	const [header = '', ...lines] = readSampleFile(relative)
		.split('\n')
		.filter((l) => l !== '');
	const names = header.split(',').map((n) => n.trim().toLowerCase());
	return lines.map((line) => {
		if (line.includes('"')) throw new Error(`${relative}: quoted field, use the real importer`);
		const cells = line.split(',');
		if (cells.length !== names.length) throw new Error(`${relative}: bad row ${line}`);
		return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
	});
}

const cell = (row: Record<string, string>, name: string): string => row[name] ?? '';
const bool = (s: string): boolean => s === '1' || s === 'true' || s === 'có' || s === 'x';
const countOrNull = (s: string): number | null => (s.trim() === '' ? null : Number(s));
/** 'YYYY-MM-DD HH:mm' in UTC+7 to epoch ms. */
const instant = (s: string): number => {
	const [date = '', time = '00:00'] = s.trim().split(' ');
	return localToMs(date, time);
};

function loadMeetings(): Meeting[] {
	const byId = new Map<string, Record<string, string>[]>();
	for (const row of readRows('meetings.csv')) {
		const id = cell(row, 'id');
		byId.set(id, [...(byId.get(id) ?? []), row]);
	}
	return [...byId].map(([id, rows]) => {
		const first = rows[0]!;
		const sittings = rows
			.map((r) => ({
				start: instant(cell(r, 'start')),
				end: cell(r, 'end') === '' ? null : instant(cell(r, 'end'))
			}))
			.sort((a, b) => a.start - b.start);
		const status =
			cell(first, 'status') || (sittings.every((s) => s.end !== null) ? 'held' : 'planned');
		return meetingSchema.parse(
			makeMeeting({
				id,
				unitCode: cell(first, 'unit_code'),
				title: cell(first, 'title'),
				category: cell(first, 'category') as Meeting['category'],
				format: cell(first, 'format') as Meeting['format'],
				// Empty or missing role means chu_tri (import-export.md, v2).
				role: (cell(first, 'role') || 'chu_tri') as Meeting['role'],
				paperless: bool(cell(first, 'paperless')),
				status: status as Meeting['status'],
				attendees: countOrNull(cell(first, 'attendees')),
				sittings,
				date: meetingDate(sittings)
			})
		);
	});
}

/** The whole sample commune as domain records. */
export function loadSampleCommune(): SampleCommune {
	const units = readRows('units.csv').map((r, order) =>
		unitSchema.parse(
			makeUnit({
				code: cell(r, 'code'),
				name: cell(r, 'name'),
				kind: cell(r, 'kind') as Unit['kind'],
				order
			})
		)
	);
	const plans = readRows('plans.csv').map((r) =>
		planSchema.parse(
			makePlan({
				unitCode: cell(r, 'unit_code'),
				year: Number(cell(r, 'year')),
				baselineConferences: countOrNull(cell(r, 'baseline_conferences')),
				baselineDocuments: countOrNull(cell(r, 'baseline_documents')),
				plannedConferences: countOrNull(cell(r, 'planned_conferences'))
			})
		)
	);
	const documents = readRows('documents.csv').map((r) =>
		documentSchema.parse(
			makeDocument({
				id: cell(r, 'id'),
				unitCode: cell(r, 'unit_code'),
				number: cell(r, 'number'),
				kind: cell(r, 'kind') as DocumentRecord['kind'],
				issuedOn: cell(r, 'issued_on'),
				electronic: bool(cell(r, 'electronic')),
				secret: bool(cell(r, 'secret')),
				title: cell(r, 'title')
			})
		)
	);
	const procedures = readRows('procedures.csv').map((r) =>
		procedureMonthSchema.parse(
			makeProcedure({
				unitCode: cell(r, 'unit_code'),
				month: cell(r, 'month'),
				total: Number(cell(r, 'total')),
				digital: Number(cell(r, 'digital')),
				digitized: Number(cell(r, 'digitized'))
			})
		)
	);
	const incoming = readRows('incoming.csv').map((r) =>
		incomingMonthSchema.parse(
			makeIncoming({
				unitCode: cell(r, 'unit_code'),
				month: cell(r, 'month'),
				received: Number(cell(r, 'received')),
				electronic: Number(cell(r, 'electronic'))
			})
		)
	);
	return { units, plans, meetings: loadMeetings(), documents, procedures, incoming };
}
