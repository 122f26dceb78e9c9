/**
 * Builders of schema-valid records for tests. Deterministic: ids come from a counter and
 * timestamps from a fixed instant, never the machine's clock.
 */
import { DEFAULT_LIMITS } from '$lib/domain/codes';
import { meetingDate, MINUTE_MS } from '$lib/domain/meeting';
import {
	incomingId,
	planId,
	procedureId,
	type DocumentRecord,
	type IncomingMonth,
	type Meeting,
	type Plan,
	type ProcedureMonth,
	settingsSchema,
	type Settings,
	type Sitting,
	type Unit
} from '$lib/domain/schemas';
import { localToMs } from '$lib/domain/time';

/** 2026-01-01 00:00 UTC+7: createdAt/updatedAt of every built record. */
export const FIXED_MS = localToMs('2026-01-01');

let seq = 0;
/** A fresh id ('test-1', 'test-2', ...). */
export const nextId = (prefix = 'test'): string => `${prefix}-${++seq}`;

const meta = { createdAt: FIXED_MS, updatedAt: FIXED_MS, deleted: false };

/** The statutory limits, typed as settings hold them (parsed, so a null conference limit fails). */
export const DEFAULT_TEST_LIMITS: Settings['limits'] =
	settingsSchema.shape.limits.parse(DEFAULT_LIMITS);

export function makeUnit(overrides: Partial<Unit> = {}): Unit {
	const code = overrides.code ?? `U${++seq}`;
	return {
		code,
		name: `Đơn vị ${code}`,
		kind: 'department',
		archived: false,
		order: 0,
		...meta,
		...overrides
	};
}

/** One sitting starting at a local date and time, lasting `minutes`. */
export function sitting(on: string, at = '08:00', minutes = 120): Sitting {
	const start = localToMs(on, at);
	return { start, end: start + minutes * MINUTE_MS };
}

export interface MeetingOptions extends Partial<Meeting> {
	/** Local date of the single sitting (ignored when `sittings` is given). */
	on?: string;
	/** Local start time, HH:mm. */
	at?: string;
	/** Length of the single sitting in minutes. */
	minutes?: number;
}

/** A held, in-person, organised (chu_tri) chuyen_mon conference of two hours on 2026-03-02 unless told otherwise. */
export function makeMeeting(options: MeetingOptions = {}): Meeting {
	const { on = '2026-03-02', at = '08:00', minutes = 120, ...overrides } = options;
	const sittings = overrides.sittings ?? [sitting(on, at, minutes)];
	return {
		id: nextId('meeting'),
		unitCode: 'VP',
		title: 'Hội nghị',
		category: 'chuyen_mon',
		format: 'truc_tiep',
		role: 'chu_tri',
		paperless: false,
		status: 'held',
		plannedMinutes: null,
		attendees: null,
		chair: '',
		location: '',
		notes: '',
		agenda: [],
		...meta,
		...overrides,
		sittings,
		date: overrides.date ?? meetingDate(sittings)
	};
}

/** A non-secret electronic cong_van issued on 2026-03-02 unless told otherwise. */
export function makeDocument(overrides: Partial<DocumentRecord> = {}): DocumentRecord {
	const id = overrides.id ?? nextId('document');
	return {
		id,
		unitCode: 'VP',
		number: `${seq}/UBND-VP`,
		kind: 'cong_van',
		issuedOn: '2026-03-02',
		electronic: true,
		secret: false,
		title: 'Văn bản',
		...meta,
		...overrides
	};
}

/** A procedure month (100 dossiers, all digital and digitized in 2026-03 unless told otherwise). */
export function makeProcedure(overrides: Partial<ProcedureMonth> = {}): ProcedureMonth {
	const unitCode = overrides.unitCode ?? 'VP';
	const month = overrides.month ?? '2026-03';
	return {
		id: procedureId(unitCode, month),
		unitCode,
		month,
		total: 100,
		digital: 100,
		digitized: 100,
		...meta,
		...overrides
	};
}

/** An incoming-documents month (100 received, 95 handled electronically in 2026-03 unless told otherwise). */
export function makeIncoming(overrides: Partial<IncomingMonth> = {}): IncomingMonth {
	const unitCode = overrides.unitCode ?? 'VP';
	const month = overrides.month ?? '2026-03';
	return {
		id: incomingId(unitCode, month),
		unitCode,
		month,
		received: 100,
		electronic: 95,
		...meta,
		...overrides
	};
}

/** A 2026 plan with no baselines set unless told otherwise. */
export function makePlan(overrides: Partial<Plan> = {}): Plan {
	const unitCode = overrides.unitCode ?? 'VP';
	const year = overrides.year ?? 2026;
	return {
		id: planId(unitCode, year),
		unitCode,
		year,
		baselineConferences: null,
		baselineDocuments: null,
		plannedConferences: null,
		baselineMonths: 12,
		...meta,
		...overrides
	};
}
