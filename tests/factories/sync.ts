/**
 * Records as a device sends them to the server in tests: fixed ids ('m-1', 'UNIT:YYYY-MM'),
 * timestamps around T0, and the sync mutations that carry them. Built on ./records.ts.
 */
import type { DocumentRecord, Meeting, Plan, ProcedureMonth } from '$lib/domain/schemas';
import { formatHlc } from '$lib/domain/sync/hlc';
import type { Mutation } from '$lib/domain/sync/protocol';
import { makeDocument, makeMeeting, makePlan, makeProcedure } from './records';

/** 2026-05-04 09:00 UTC+7, a fixed "now" for tests. */
export const T0 = Date.UTC(2026, 4, 4, 2, 0, 0);

export const fakeUuid = (n: number): string =>
	`00000000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const hlcAt = (wall: number, node = 'dev-a', counter = 0): string =>
	formatHlc({ wall, counter, node });

/** A held "hop" meeting of the unit VP on 2026-05-04 (id 'm-1') unless told otherwise. */
export const meeting = (overrides: Partial<Meeting> = {}): Meeting =>
	makeMeeting({
		id: 'm-1',
		title: 'Giao ban tuần',
		category: 'hop',
		sittings: [{ start: T0 - 3_600_000, end: T0 - 1_800_000 }],
		plannedMinutes: 60,
		attendees: 12,
		chair: 'Chủ tịch',
		location: 'Hội trường',
		date: '2026-05-04',
		createdAt: T0 - 3_600_000,
		updatedAt: T0 - 3_600_000,
		...overrides
	});

export const documentRecord = (overrides: Partial<DocumentRecord> = {}): DocumentRecord =>
	makeDocument({
		id: 'd-1',
		number: '12/KH-UBND',
		kind: 'ke_hoach',
		issuedOn: '2026-05-04',
		title: 'Kế hoạch',
		createdAt: T0,
		updatedAt: T0,
		...overrides
	});

export const procedure = (overrides: Partial<ProcedureMonth> = {}): ProcedureMonth =>
	makeProcedure({
		month: '2026-04',
		total: 10,
		digital: 9,
		digitized: 8,
		createdAt: T0,
		updatedAt: T0,
		...overrides
	});

export const plan = (overrides: Partial<Plan> = {}): Plan =>
	makePlan({
		baselineConferences: 12,
		baselineDocuments: 40,
		plannedConferences: 10,
		baselineMonths: 12,
		createdAt: T0,
		updatedAt: T0,
		...overrides
	});

/**
 * The mutations as device `deviceId` sends them: a device stamps its changes with its own id as
 * the clock's node, and the server refuses a clock of another device.
 */
export const onDevice = (deviceId: string, mutations: Mutation[]): Mutation[] =>
	mutations.map((m) => ({ ...m, hlc: `${m.hlc.slice(0, 21)}${deviceId}` }));

let mutationCounter = 0;

/** A put of a record; recordId from the record's key. */
export function mutation(
	entity: Mutation['entity'],
	record: Record<string, unknown>,
	overrides: Partial<Mutation> = {}
): Mutation {
	const key = entity === 'unit' ? record.code : record.id;
	return {
		mutationId: fakeUuid(++mutationCounter),
		entity,
		recordId: String(key),
		op: 'put',
		record,
		hlc: hlcAt(T0),
		...overrides
	};
}
