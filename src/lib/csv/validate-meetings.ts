/**
 * meetings.csv, one row per sitting: `id,unit_code,title,category,format,paperless,status,start,end,attendees,role`.
 * `role` (v2) may be empty or missing: the meeting is then one the unit organises (`chu_tri`).
 * Rows sharing a non-empty id are the sittings of one meeting and must agree on every other
 * column; a row with an empty id is a meeting of its own with a new id. A meeting is accepted or
 * rejected whole: when one of its rows is bad, every row of it is listed, so no meeting is written
 * with sittings missing.
 */
import { type CsvColumn, entityOf } from '../domain/entities';
import { meetingDate } from '../domain/meeting';
import { type Meeting, meetingSchema, type Sitting } from '../domain/schemas';
import { issueReasons, say } from './messages';
import type { CsvRow } from './parse';
import {
	byLine,
	cell,
	type Rejected,
	RowErrors,
	runSession,
	stamps,
	type ValidateContext,
	type ValidationResult,
	type ValidationSession
} from './validate-common';
import { readFields } from './generic';
import { parseLocalDateTime } from './values';

interface SittingRow {
	row: CsvRow;
	/** The meeting's id as given ('' when the row leaves it empty). */
	id: string;
	/** The meeting's own cells, by field (the kind's mapped columns). */
	fields: Record<string, unknown>;
	sitting: Sitting;
	errors: string[];
}

/** The meeting's columns (every mapped column but the id): they must agree between its rows. */
const MEETING_COLUMNS = (entityOf('meeting').csv ?? []).filter(
	(c): c is CsvColumn & { field: string } => c.field !== undefined
);
const SHARED = MEETING_COLUMNS.filter((c) => c.field !== 'id');

/** The column a schema path points at (`date` is derived from the first sitting's start). */
const FIELD_COLUMNS: Record<string, string> = {
	...Object.fromEntries(MEETING_COLUMNS.map((c) => [c.field, c.name])),
	date: 'start'
};

function readRow(row: CsvRow, known: ReadonlySet<string>): SittingRow {
	const errors = new RowErrors(row);
	const fields = readFields(MEETING_COLUMNS, row, errors, known);
	const start = errors.take('start', parseLocalDateTime(cell(row, 'start')), 0);
	const endText = cell(row, 'end').trim();
	const end = endText === '' ? null : errors.take('end', parseLocalDateTime(endText), null);
	if (end !== null && !errors.any && end <= start) {
		errors.add('end', say('csv.endAfterStart', { start: cell(row, 'start').trim() }));
	}
	return {
		row,
		id: typeof fields.id === 'string' ? fields.id : '',
		fields,
		sitting: { start, end },
		errors: errors.reasons
	};
}

const quoted = (v: string): string => (v === '' ? say('csv.empty') : `"${v}"`);

function disagreements(rows: readonly SittingRow[]): string[] {
	const first = rows[0];
	if (!first) return [];
	const out: string[] = [];
	for (const { name: column, field } of SHARED) {
		const value = (r: SittingRow): string => String(r.fields[field]);
		const other = rows.find((r) => value(r) !== value(first));
		if (!other) continue;
		out.push(
			say('csv.disagree', {
				column,
				a: quoted(cell(first.row, column).trim()),
				lineA: first.row.line,
				b: quoted(cell(other.row, column).trim()),
				lineB: other.row.line
			})
		);
	}
	return out;
}

export function meetingsSession(ctx: ValidateContext<Meeting>): ValidationSession<Meeting> {
	const groups = new Map<string, SittingRow[]>();
	const rejected: Rejected[] = [];
	const records: Meeting[] = [];

	const rejectAll = (rows: readonly SittingRow[], reason: string): void => {
		for (const r of rows) rejected.push({ line: r.row.line, reason });
	};

	function finishMeeting(rows: SittingRow[]): void {
		const first = rows[0];
		if (!first) return;
		const label = first.id === '' ? '' : say('csv.meetingLabel', { id: first.id });
		const bad = rows.filter((r) => r.errors.length > 0);
		if (bad.length > 0) {
			const lines = bad.map((r) => r.row.line).join(', ');
			for (const r of rows) {
				const reason =
					r.errors.length > 0 ? r.errors.join('; ') : say('csv.meetingWithBad', { label, lines });
				rejected.push({ line: r.row.line, reason });
			}
			return;
		}
		const disagree = disagreements(rows);
		if (disagree.length > 0) {
			rejectAll(rows, say('csv.meetingDisagree', { label, list: disagree.join('; ') }));
			return;
		}

		const sorted = [...rows].sort((a, b) => a.sitting.start - b.sitting.start);
		const sittings = sorted.map((r) => r.sitting);
		const id = first.id !== '' ? first.id : ctx.newId();
		// An empty status is read from the sittings: held when every sitting has ended.
		const status =
			first.fields.status ?? (sittings.every((s) => s.end !== null) ? 'held' : 'planned');
		const existing = ctx.existing?.(id);
		const parsed = meetingSchema.safeParse({
			...first.fields,
			id,
			status,
			sittings,
			plannedMinutes: existing?.plannedMinutes ?? null,
			chair: existing?.chair ?? '',
			location: existing?.location ?? '',
			notes: existing?.notes ?? '',
			agenda: existing?.agenda ?? [],
			date: meetingDate(sittings),
			...stamps(ctx, id)
		});
		if (parsed.success) {
			records.push(parsed.data);
			return;
		}
		const reasons = issueReasons(parsed.error.issues, (path) => {
			if (path[0] === 'sittings' && typeof path[1] === 'number') {
				const r = sorted[path[1]];
				if (!r) return null;
				const column = path[2] === 'end' ? 'end' : 'start';
				return {
					column,
					value: cell(r.row, column),
					suffix: rows.length > 1 ? say('csv.line', { line: r.row.line }) : ''
				};
			}
			const column = FIELD_COLUMNS[String(path[0])];
			return column ? { column, value: cell(first.row, column) } : null;
		});
		rejectAll(rows, label + reasons.join('; '));
	}

	return {
		add(row, index) {
			const s = readRow(row, ctx.knownUnitCodes);
			const key = s.id !== '' ? `id:${s.id}` : `row:${index}`;
			const group = groups.get(key);
			if (group) group.push(s);
			else groups.set(key, [s]);
		},
		finish() {
			for (const rows of groups.values()) finishMeeting(rows);
			return { records, rejected: rejected.sort(byLine) };
		}
	};
}

export const validateMeetings = (
	rows: readonly CsvRow[],
	ctx: ValidateContext<Meeting>
): ValidationResult<Meeting> => runSession(meetingsSession(ctx), rows);
