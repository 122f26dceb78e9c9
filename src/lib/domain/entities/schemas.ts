/**
 * The zod schema of each record kind (../schemas.ts), kept apart from the descriptors (./kinds.ts)
 * so that Dexie code and list screens load the registry without zod. A kind without its schema
 * here fails the type check.
 */
import type { z } from 'zod';
import {
	documentSchema,
	incomingMonthSchema,
	meetingSchema,
	planSchema,
	procedureMonthSchema,
	settingsSchema,
	unitSchema
} from '../schemas';
import { reportDraftSchema } from '../report-document/schema';
import type { EntityName } from './index';

export const ENTITY_SCHEMAS = {
	unit: unitSchema,
	plan: planSchema,
	meeting: meetingSchema,
	document: documentSchema,
	procedure: procedureMonthSchema,
	incoming: incomingMonthSchema,
	settings: settingsSchema,
	report: reportDraftSchema
} as const satisfies Record<EntityName, z.ZodType>;

/** The schema a record of a kind must match; throws on a kind without one (a programming error). */
export function schemaOf(name: string): z.ZodType {
	const schema = (ENTITY_SCHEMAS as Record<string, z.ZodType>)[name];
	if (!schema) throw new Error(`no schema for record kind: ${name}`);
	return schema;
}
