/**
 * Server settings the operator sets in the environment (not the commune's synced settings record:
 * these protect the server's disk, so no account can change them from a device). Every field has a
 * default (the due dates: none), so a server started with no env runs with the documented values.
 */
import { z } from 'zod';
import { MAX_BODY_BYTES } from '$lib/domain/sync/protocol';

const count = (fallback: number, min: number) => z.coerce.number().int().min(min).default(fallback);
/** A day of the year, MM-DD; unset: none. */
const monthDay = () =>
	z
		.string()
		.regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/)
		.optional();

export const serverSettingsSchema = z.object({
	/** record_history versions kept per record (the newest). */
	HISTORY_VERSIONS: count(50, 1),
	/** record_history versions older than this many days are removed. */
	HISTORY_DAYS: count(365, 1),
	/** Mutations one account may push at once (the write budget's size; >= one full request). */
	WRITE_BURST: count(2000, 500),
	/** Mutations per minute the budget refills; 0 turns the limit off. */
	WRITE_PER_MINUTE: count(600, 0),
	/** Request body bytes one account may push at once (the byte budget's size; >= one full
	 * request, MAX_BODY_BYTES). The mutation budget alone let a big record cost one unit. */
	WRITE_BYTES_BURST: count(32 * 1024 * 1024, MAX_BODY_BYTES),
	/** Bytes per minute the byte budget refills; 0 turns it off. */
	WRITE_BYTES_PER_MINUTE: count(4 * 1024 * 1024, 0),
	/**
	 * When the communes' reports are due at the province (MM-DD; /province), set by the province.
	 * Unset (the default): no due date, so /province claims no report late or overdue. Decree 09
	 * fixes the data-close days (14/06, 14/09, 14/12), not when a commune's report is due: each
	 * reporting regime sets that (docs/sync-protocol.md, "Server settings").
	 */
	REPORT_DUE_6MONTH: monthDay(),
	REPORT_DUE_9MONTH: monthDay(),
	REPORT_DUE_ANNUAL: monthDay(),
	/** Live event streams (`/api/sync/events`) one app process holds open at once. */
	EVENT_STREAMS_PER_PROCESS: count(1000, 1),
	/** Live event streams one commune's accounts may hold open on one process (a province server
	 * holds many communes: one cannot take every stream). */
	EVENT_STREAMS_PER_COMMUNE: count(200, 1),
	/** Live event streams one client address may hold open on one process (an office behind one
	 * NAT shares an address: every phone there counts). */
	EVENT_STREAMS_PER_ADDRESS: count(100, 1),
	/** Who checkpoints SQLite's write-ahead log: the committing request (SQLite's default) or a
	 * worker thread beside the event loop (docs/sync-protocol.md, "Durability"). */
	SQLITE_CHECKPOINT: z.enum(['inline', 'background']).default('inline')
});

export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** Parse the environment; an unset or empty variable takes its default, a bad one throws. */
export function serverSettings(env: Record<string, string | undefined>): ServerSettings {
	const picked = Object.fromEntries(
		Object.keys(serverSettingsSchema.shape)
			.map((k) => [k, env[k]] as const)
			.filter(([, v]) => v !== undefined && v !== '')
	);
	return serverSettingsSchema.parse(picked);
}

/** Each period's due day (MM-DD), null where the province set none. */
export function dueDatesOf(s: ServerSettings): {
	'6month': string | null;
	'9month': string | null;
	annual: string | null;
} {
	return {
		'6month': s.REPORT_DUE_6MONTH ?? null,
		'9month': s.REPORT_DUE_9MONTH ?? null,
		annual: s.REPORT_DUE_ANNUAL ?? null
	};
}

export function writeLimitOf(s: ServerSettings): { burst: number; perMinute: number } | null {
	return s.WRITE_PER_MINUTE > 0 ? { burst: s.WRITE_BURST, perMinute: s.WRITE_PER_MINUTE } : null;
}

export function writeBytesLimitOf(s: ServerSettings): { burst: number; perMinute: number } | null {
	return s.WRITE_BYTES_PER_MINUTE > 0
		? { burst: s.WRITE_BYTES_BURST, perMinute: s.WRITE_BYTES_PER_MINUTE }
		: null;
}

export function streamLimitsOf(s: ServerSettings): {
	perProcess: number;
	perCommune: number;
	perAddress: number;
} {
	return {
		perProcess: s.EVENT_STREAMS_PER_PROCESS,
		perCommune: s.EVENT_STREAMS_PER_COMMUNE,
		perAddress: s.EVENT_STREAMS_PER_ADDRESS
	};
}
