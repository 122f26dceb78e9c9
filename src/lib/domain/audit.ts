/**
 * The audit log of administrative actions (docs/SECURITY.md, "Audit log"): who did what to which
 * account, commune or settings, and when. One schema for what the server writes (checked before
 * every insert, so a detail can never carry a password, a hash or a token: each action's detail is
 * a strict object of known fields) and for what `GET /api/audit` and `GET /api/province/audit`
 * answer. Entries are written by the server in the same transaction as the action they record.
 */
import { z } from 'zod';
import { isPlainText } from './plain-text';
import {
	calendarDaySchema,
	COMMUNE_ID_PATTERN,
	dueYearSchema,
	PROVINCE_PERIOD_KINDS
} from './province';
import { ROLES } from './users';
import { isConference, MEETING_CATEGORIES, PERIOD_MODES } from './codes';

/** Action codes, in the order the UI's legend lists them. */
export const AUDIT_ACTIONS = [
	'user.created',
	'user.role_changed',
	'user.disabled',
	'user.enabled',
	'user.password_reset',
	'user.sessions_ended',
	'user.unlocked',
	'settings.changed',
	'report_due.changed',
	'commune.created',
	'commune.updated',
	'unit.created',
	'unit.updated',
	'unit.deleted',
	'report.finalized',
	'report.reopened',
	'admin.signed_in'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Entries per page of `GET /api/audit` (default and most). */
export const AUDIT_PAGE = 50;
export const AUDIT_PAGE_MAX = 200;
/** How long entries are kept (the clean-up timer removes older ones): two years. */
export const AUDIT_RETENTION_DAYS = 730;

const name = z.string().max(200).refine(isPlainText, 'format');
/** A unit code as stored (lenient: an entry must never block an action over older data). */
const unitCode = z.string().max(64).refine(isPlainText, 'format').nullable();
const role = z.enum(ROLES);
/** A unit's code and kind in a unit entry (lenient too: a stored unit is not parsed again). */
const code = z.string().min(1).max(64).refine(isPlainText, 'format');
const unitKind = z.string().max(40).refine(isPlainText, 'format');
const nothing = z.strictObject({});
/** Which report an entry is about: its period kind and year, its unit (null: the commune's). */
const reportOf = { kind: z.enum(PROVINCE_PERIOD_KINDS), year: dueYearSchema, unitCode };
const fromTo = <T extends z.ZodType>(t: T) => z.strictObject({ from: t, to: t });

/**
 * A plain settings field's change, from → to (`settings.changed`'s `values`): every field of the
 * commune's settings is short and none is secret, so each is kept with its values; a limit by its
 * category ('limits.quan_triet'). Strict per field: a text is plain and at most 200 characters, a
 * number a count, the period mode one of its codes.
 */
const settingText = z.string().max(200).refine(isPlainText, 'format');
const minutes = z.number().int().min(0).max(1_000_000_000);
const SETTINGS_TEXT_FIELDS = ['communeName', 'province'] as const;
/** The counts: each category's limit (the working meetings' below: it may be none) and the lead. */
const SETTINGS_COUNT_FIELDS = [
	...MEETING_CATEGORIES.filter(isConference).map((c) => `limits.${c}` as const),
	'warningLeadMinutes'
] as const;
export const settingsValueChangeSchema = z.discriminatedUnion('field', [
	z.strictObject({ field: z.enum(SETTINGS_TEXT_FIELDS), from: settingText, to: settingText }),
	z.strictObject({
		field: z.literal('periodMode'),
		from: z.enum(PERIOD_MODES),
		to: z.enum(PERIOD_MODES)
	}),
	z.strictObject({ field: z.enum(SETTINGS_COUNT_FIELDS), from: minutes, to: minutes }),
	/** The working meetings' limit: null, none. */
	z.strictObject({
		field: z.literal('limits.hop'),
		from: minutes.nullable(),
		to: minutes.nullable()
	})
]);
export type SettingsValueChange = z.output<typeof settingsValueChangeSchema>;
/**
 * The commune's plan of one year as it changed: its number ('' none) and date ('YYYY-MM-DD', null
 * none), each only when it changed. A plan added reads from ''/null, one removed to ''/null.
 */
export const planChangeSchema = z.strictObject({
	year: dueYearSchema,
	number: fromTo(z.string().max(40).refine(isPlainText, 'format')).optional(),
	date: fromTo(calendarDaySchema.nullable()).optional()
});
export type PlanChange = z.output<typeof planChangeSchema>;

/** Each action's detail: small, strict, never a secret. */
export const AUDIT_DETAILS = {
	'user.created': z.strictObject({ role, unitCode }),
	'user.role_changed': z.strictObject({
		from: z.strictObject({ role, unitCode }),
		to: z.strictObject({ role, unitCode })
	}),
	'user.disabled': nothing,
	'user.enabled': nothing,
	'user.password_reset': nothing,
	'user.sessions_ended': nothing,
	'user.unlocked': nothing,
	/**
	 * The names of the settings fields the change altered, and their values from → to (`values`,
	 * `plans`: the plans by year; the old single plan's fields are read into them). Entries made
	 * before the values were kept have `fields` only.
	 */
	'settings.changed': z.strictObject({
		fields: z.array(z.string().regex(/^[A-Za-z0-9_]{1,40}$/)).max(40),
		values: z.array(settingsValueChangeSchema).max(40).optional(),
		plans: z.array(planChangeSchema).max(200).optional()
	}),
	/**
	 * The province admin set, changed or cleared (null) a period's report due date on /province
	 * ('YYYY-MM-DD'); null `from`: none was set there (the server settings' default applied).
	 */
	'report_due.changed': z.strictObject({
		kind: z.enum(PROVINCE_PERIOD_KINDS),
		year: dueYearSchema,
		from: calendarDaySchema.nullable(),
		to: calendarDaySchema.nullable()
	}),
	'commune.created': z.strictObject({ name, area: name.nullable() }),
	'commune.updated': z.strictObject({
		name: fromTo(name).optional(),
		area: fromTo(name.nullable()).optional()
	}),
	/** A unit of the commune's list, written through a push (its code, name and kind). */
	'unit.created': z.strictObject({ code, name, kind: unitKind }),
	/** What changed of a unit (name, kind, archived), from and to; its code never changes. */
	'unit.updated': z.strictObject({
		code,
		name: fromTo(name).optional(),
		kind: fromTo(unitKind).optional(),
		archived: fromTo(z.boolean()).optional()
	}),
	'unit.deleted': z.strictObject({ code, name }),
	/**
	 * A report marked final, or a final one issued again with other figures or another number
	 * (attacker review r20, 3: what the province reads changed without a word): which report (the
	 * period kind, year, unit; null the commune's), its number and date, and the day its figures run to.
	 */
	'report.finalized': z.strictObject({
		...reportOf,
		number: z.number().int().min(0).max(1_000_000_000).nullable(),
		symbol: name,
		issuedOn: calendarDaySchema,
		asOf: calendarDaySchema.nullable()
	}),
	/** A final report taken back to a draft, or deleted (`deleted`): no longer what was issued. */
	'report.reopened': z.strictObject({ ...reportOf, deleted: z.boolean() }),
	'admin.signed_in': nothing
} as const satisfies Record<AuditAction, z.ZodType>;

export type AuditDetail<A extends AuditAction = AuditAction> = z.output<(typeof AUDIT_DETAILS)[A]>;

const id = z.string().min(1).max(64).refine(isPlainText, 'format');

const entryFields = {
	/** Server clock, epoch ms. */
	at: z.number().int().nonnegative(),
	/** The commune the action concerns; null: the province's own accounts. */
	communeId: id.nullable(),
	actorId: id,
	actorUsername: name,
	targetId: id.nullable(),
	/** The target as people know it: a username, a commune's name. */
	targetName: name.nullable()
};

/** What the server writes: one entry, its detail checked against its action. */
export const auditInputSchema = z
	.strictObject({ ...entryFields, action: z.enum(AUDIT_ACTIONS), detail: z.unknown() })
	.transform((e, ctx) => {
		const detail = AUDIT_DETAILS[e.action].safeParse(e.detail);
		if (!detail.success) {
			ctx.addIssue({ code: 'custom', path: ['detail'], message: detail.error.message });
			return z.NEVER;
		}
		return { ...e, detail: detail.data as Record<string, unknown> };
	});
export type AuditInput = z.input<typeof auditInputSchema> & { action: AuditAction };

/** One entry as the API answers it (`id`: its place in the log, the paging cursor). */
export const auditEntrySchema = z.object({
	id: z.string().regex(/^\d{1,15}$/),
	...entryFields,
	action: z.enum(AUDIT_ACTIONS),
	detail: z.record(z.string(), z.unknown())
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** A page, newest first; `next`: the cursor of the following (older) page, null at the end. */
export const auditPageSchema = z.object({
	entries: z.array(auditEntrySchema),
	next: z.string().nullable()
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/**
 * A page as an app reads it: each entry on its own, so an entry this app cannot read (an action
 * added by a newer server, before the app updates) is counted in `unreadable` instead of making
 * the whole page a bad answer. The list says how many it leaves out.
 */
export const auditPageReadSchema = z
	.object({ entries: z.array(z.unknown()).max(AUDIT_PAGE_MAX), next: z.string().nullable() })
	.transform(({ entries, next }) => {
		const read: AuditEntry[] = [];
		for (const e of entries) {
			const parsed = auditEntrySchema.safeParse(e);
			if (parsed.success) read.push(parsed.data);
		}
		return { entries: read, next, unreadable: entries.length - read.length };
	});
export type AuditPageRead = z.output<typeof auditPageReadSchema>;

/**
 * The kinds of action an admin filters the log by (attacker review r12, 4: an account action must
 * be found under any number of settings saves): what was done to an account or a sign-in; the
 * commune's settings and units; a commune itself and the report due dates (the province's). Each
 * action is in exactly one group, in the legend's order.
 */
export const AUDIT_GROUPS = {
	accounts: [
		'user.created',
		'user.role_changed',
		'user.disabled',
		'user.enabled',
		'user.password_reset',
		'user.sessions_ended',
		'user.unlocked'
	],
	// Apart from the account actions: an intruder with an admin password could sign in again
	// and again (each success logged) to bury a password reset under "Tài khoản" (attacker
	// review r20, 4).
	signins: ['admin.signed_in'],
	settings: ['settings.changed', 'unit.created', 'unit.updated', 'unit.deleted'],
	reports: ['report.finalized', 'report.reopened'],
	communes: ['report_due.changed', 'commune.created', 'commune.updated']
} as const satisfies Record<string, readonly AuditAction[]>;
export type AuditGroup = keyof typeof AUDIT_GROUPS;
export const AUDIT_GROUP_NAMES = Object.keys(AUDIT_GROUPS) as AuditGroup[];

/**
 * `?cursor=&limit=&group=&actor=` of both GETs; `commune` only for the province's. `group`: one
 * kind of action (none: every action); `actor`: only the entries of this account (its id), always
 * within the log the caller may read (a commune admin's own commune).
 */
export const auditQuerySchema = z.object({
	cursor: z
		.string()
		.regex(/^\d{1,15}$/, 'format')
		.optional(),
	limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE),
	group: z.enum(AUDIT_GROUP_NAMES as [AuditGroup, ...AuditGroup[]], 'format').optional(),
	actor: z.string().min(1, 'format').max(64, 'format').refine(isPlainText, 'format').optional()
});
/** The filter of a log page (the query without its paging): what the page's address holds. */
export const auditFilterSchema = auditQuerySchema.pick({ group: true, actor: true });
export type AuditFilter = z.output<typeof auditFilterSchema>;
export const provinceAuditQuerySchema = auditQuerySchema.extend({
	commune: z.string().regex(COMMUNE_ID_PATTERN, 'format').optional()
});

/** A typed entry for `action` (the detail's type follows the action). */
export const auditInput = <A extends AuditAction>(
	e: Omit<AuditInput, 'action' | 'detail'> & { action: A; detail: AuditDetail<A> }
): AuditInput => e;
