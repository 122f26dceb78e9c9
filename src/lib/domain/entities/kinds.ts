/**
 * The record kinds: declare a new kind here, once, and name its zod schema in ./schemas.ts (the
 * type check fails until it is there). Everything that lists kinds derives from ENTITY_LIST (see
 * ./index.ts). No zod here: Dexie code and the first screen load this without the schemas.
 */
import type { EntityDescriptor } from './types';

/** Keeps the literal type of a descriptor (its name, table and schema) while checking its shape. */
export const define = <const D extends EntityDescriptor>(d: D): D => d;

export const unitEntity = define({
	name: 'unit',
	table: 'units',
	key: 'code',
	stores: { 1: 'code, order' },
	orderBy: 'order',
	owner: 'commune',
	write: 'unit.write',
	label: 'sync.entity.unit',
	title: ['name'],
	csv: [{ name: 'code' }, { name: 'name' }, { name: 'kind' }]
});

export const planEntity = define({
	name: 'plan',
	table: 'plans',
	key: 'id',
	stores: { 1: 'id, year, [unitCode+year]' },
	idFields: ['unitCode', 'year'],
	owner: 'unit',
	write: 'plan.write',
	label: 'sync.entity.plan',
	csv: [
		{ name: 'unit_code' },
		{ name: 'year' },
		{ name: 'baseline_conferences' },
		{ name: 'baseline_documents' },
		{ name: 'planned_conferences' }
	]
});

export const meetingEntity = define({
	name: 'meeting',
	table: 'meetings',
	key: 'id',
	stores: { 1: 'id, date, [unitCode+date], status, updatedAt' },
	owner: 'unit',
	write: 'record.write',
	label: 'sync.entity.meeting',
	title: ['title'],
	// One row per sitting: `start` and `end` are the sitting's (csv/validate-meetings.ts); every
	// column with a `field` is the meeting's, read, checked and written by the shared cell code.
	csv: [
		{ name: 'id', optional: true, field: 'id', type: 'text' },
		{ name: 'unit_code', field: 'unitCode', type: 'unitCode' },
		{ name: 'title', field: 'title', type: 'text' },
		{ name: 'category', field: 'category', type: 'code' },
		{ name: 'format', field: 'format', type: 'code' },
		{ name: 'paperless', field: 'paperless', type: 'bool' },
		{ name: 'status', field: 'status', type: 'code' },
		{ name: 'start' },
		{ name: 'end' },
		{ name: 'attendees', field: 'attendees', type: 'countOrEmpty' },
		// v2: missing means `chu_tri`, so version-1 files import as before.
		{ name: 'role', optional: true, field: 'role', type: 'code' }
	],
	details: [
		// Shown as "8 giờ", so not the form's "(phút)" label (clerk review r19).
		{ field: 'plannedMinutes', label: 'meeting.plannedLength', format: 'minutes' },
		{ field: 'attendees', label: 'meeting.attendees' },
		{ field: 'chair', label: 'meeting.chair' },
		{ field: 'location', label: 'meeting.location' },
		{ field: 'notes', label: 'meeting.notes', format: 'multiline' }
	],
	edits: [
		{ field: 'title', label: 'meeting.title' },
		{ field: 'unitCode', label: 'meeting.unit' },
		{ field: 'category', label: 'meeting.category', format: 'code', codes: 'category' },
		{ field: 'format', label: 'meeting.format', format: 'code', codes: 'format' },
		{ field: 'role', label: 'meeting.role', format: 'code', codes: 'role' },
		{ field: 'status', label: 'meeting.status', format: 'code', codes: 'status' },
		{ field: 'paperless', label: 'meeting.paperless', format: 'bool' },
		{ field: 'sittings', label: 'meeting.sittings', format: 'sittings' },
		{ field: 'agenda', label: 'meetingrun.agenda', format: 'items' }
	]
});

export const documentEntity = define({
	name: 'document',
	table: 'documents',
	key: 'id',
	stores: { 1: 'id, issuedOn, [unitCode+issuedOn], [unitCode+number], updatedAt' },
	owner: 'unit',
	write: 'record.write',
	label: 'sync.entity.document',
	title: ['number', 'title'],
	csv: [
		{ name: 'id', optional: true },
		{ name: 'unit_code' },
		{ name: 'number' },
		{ name: 'kind' },
		{ name: 'issued_on' },
		{ name: 'electronic' },
		{ name: 'secret' },
		{ name: 'title' }
	],
	edits: [
		{ field: 'number', label: 'docs.number' },
		{ field: 'kind', label: 'docs.kind', format: 'code', codes: 'docKind' },
		{ field: 'issuedOn', label: 'docs.issuedOn', format: 'date' },
		{ field: 'unitCode', label: 'docs.unit' },
		{ field: 'electronic', label: 'docs.electronic', format: 'bool' },
		{ field: 'secret', label: 'docs.secret', format: 'bool' },
		{ field: 'title', label: 'docs.title_' }
	]
});

export const procedureEntity = define({
	name: 'procedure',
	table: 'procedures',
	key: 'id',
	stores: { 1: 'id, month, [unitCode+month], updatedAt' },
	idFields: ['unitCode', 'month'],
	owner: 'unit',
	write: 'record.write',
	label: 'sync.entity.procedure',
	csv: [
		{ name: 'unit_code' },
		{ name: 'month' },
		{ name: 'total' },
		{ name: 'digital' },
		{ name: 'digitized' }
	]
});

/**
 * Incoming documents (văn bản đến, spec v2): one row per unit and month, like procedures; written
 * by the same roles. Added in database version 3.
 */
export const incomingEntity = define({
	name: 'incoming',
	table: 'incoming',
	key: 'id',
	stores: { 3: 'id, month, [unitCode+month], updatedAt' },
	idFields: ['unitCode', 'month'],
	owner: 'unit',
	write: 'record.write',
	label: 'sync.entity.incoming',
	backupOptional: true,
	csv: [
		{ name: 'unit_code', field: 'unitCode', type: 'unitCode' },
		{ name: 'month', field: 'month', type: 'month' },
		{ name: 'received', field: 'received', type: 'count' },
		{ name: 'electronic', field: 'electronic', type: 'count' }
	]
});

export const settingsEntity = define({
	name: 'settings',
	table: 'settings',
	key: 'id',
	stores: { 1: 'id' },
	owner: 'commune',
	write: 'settings.write',
	label: 'sync.entity.settings',
	singleton: true,
	keyedLists: { plans: 'year' }
});

/**
 * The periodic report's draft (number, date, signer, recipients, narrative; the issued figures once
 * final), one per scope and period: `<scope>:<period kind>:<year>` (scope `*` for the commune).
 * `unitCode` is null for the commune's report, so only admin and monitor write it (plan.write on
 * commune-wide data) and every user reads it; a unit head writes the unit's own. Added in
 * database version 4.
 */
export const reportEntity = define({
	name: 'report',
	table: 'reports',
	key: 'id',
	stores: { 4: 'id, [scope+year]' },
	idFields: ['scope', 'periodKind', 'year'],
	owner: 'unit',
	write: 'plan.write',
	label: 'sync.entity.report',
	title: ['id'],
	backupOptional: true
});

/**
 * Every kind, in dependency order: units first (the others refer to them), so imports, restores
 * and exports process them in this order.
 */
export const ENTITY_LIST = [
	unitEntity,
	planEntity,
	meetingEntity,
	documentEntity,
	procedureEntity,
	incomingEntity,
	settingsEntity,
	reportEntity
] as const;
