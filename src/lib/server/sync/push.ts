/**
 * Push: apply the mutations of one request, each at most once, each on its own, in one storage
 * transaction (one commit, so one sync to disk per request). A rejected mutation is reported with
 * a code and does not stop the others; nothing is written for a rejection. The request is charged
 * to the user's write budgets first (its mutations, and its body's bytes): over budget, nothing is written and `WriteBudgetSpent` is
 * thrown (the handler answers 429 with Retry-After).
 */
import type { Meeting, Settings } from '$lib/domain/schemas';
import { reportWriteRefusal, type ReportDraft } from '$lib/domain/report-document/schema';
import {
	changeState,
	maxClock,
	resolve,
	sameJson,
	overwriting,
	type FieldState,
	type Resolution,
	withoutUnnamed
} from '$lib/domain/sync/merge';
import { entityOf } from '$lib/domain/entities';
import { remirror, type PlanSettings } from '$lib/domain/commune-plans';
import { toLocalDate } from '$lib/domain/time';
import { compareHlc, formatHlc, MAX_COUNTER, parseHlc } from '$lib/domain/sync/hlc';
import {
	PROTOCOL_VERSION,
	SERVER_DEVICE,
	type Mutation,
	type MutationResult,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/protocol';
import { can, writeActionOf, type CommuneActor } from '../auth/permissions';
import type { ServerContext } from '../context';
import { pushScheduler } from '../push/service';
import { scheduleFor } from '../push/scheduler';
import type { BatchItem, Decision, StoredRecord, UnitRow, WriteBudget } from '../storage/types';
import { auditEntry, type AuditActor } from '../audit/entries';
import type { AuditAction, AuditDetail } from '$lib/domain/audit';
import { isPlainText } from '$lib/domain/plain-text';
import { settingsChangeDetail } from '$lib/domain/settings-audit';
import { checkMutation, parseRecord, recordIdProblem, unitOf } from './validate';

/** The account's write budget is spent: nothing of the request was written. */
export class WriteBudgetSpent extends Error {
	constructor(readonly retryAfterMs: number) {
		super('write budget spent');
	}
}

const reject = (code: Extract<Decision, { kind: 'reject' }>['code'], reason: string): Decision => ({
	kind: 'reject',
	code,
	reason
});

/** What the decisions of one request share: units and settings, read once, kept in step. */
interface BatchState {
	units: Map<string, UnitRow>;
	/** Set when the Web Push scheduler runs and the request holds a meeting. */
	settings: Settings | null;
	scheduling: boolean;
	scheduled: boolean;
	/** Units (null: commune-wide) of the records this request changed, for the live pokes. */
	touched: Set<string | null>;
}

export async function push(
	ctx: ServerContext,
	user: CommuneActor & AuditActor,
	request: PushRequest,
	/** `bytes`: the request body's size, charged to the account's byte budget (HTTP pushes). */
	options: { budget?: boolean; bytes?: number } = {}
): Promise<PushResponse> {
	const now = ctx.now();
	if (request.mutations.length === 0)
		return { version: PROTOCOL_VERSION, results: [], serverTime: now };
	const scheduling =
		pushScheduler() !== null && request.mutations.some((m) => m.entity === 'meeting');
	const state: BatchState = {
		units: new Map((await ctx.storage.listUnits(user.communeId)).map((u) => [u.code, u])),
		settings: scheduling
			? (((await ctx.storage.findRecord(user.communeId, 'settings', 'settings'))?.state.data as
					Settings | undefined) ?? null)
			: null,
		scheduling,
		scheduled: false,
		touched: new Set()
	};
	// A mutation whose record id the storage must not be asked about (a NUL: PostgreSQL fails the
	// whole query) is rejected here, alone; the rest go to storage. Charged like any rejection.
	const problems = request.mutations.map(recordIdProblem);
	const toStore = problems.some((p) => p !== null)
		? request.mutations.filter((_, i) => problems[i] === null)
		: request.mutations;
	const items: BatchItem[] = toStore.map((m) => ({
		envelope: {
			mutationId: m.mutationId,
			entity: m.entity,
			recordId: m.recordId,
			userId: user.id,
			deviceId: request.deviceId,
			at: now
		},
		decide: (current) => decideOne(ctx, user, m, request.deviceId, now, current, state)
	}));
	const budgets: WriteBudget[] = [];
	if (options.budget !== false) {
		const limit = ctx.writeLimit;
		if (limit)
			budgets.push({
				key: `user:${user.id}`,
				cost: request.mutations.length,
				now,
				burst: limit.burst,
				perMinute: limit.perMinute
			});
		// Mutations alone let one big record (a report draft up to 384 KiB) cost one unit: bytes
		// are charged too, so what one account writes per minute is bounded in size.
		const bytes = ctx.writeBytesLimit;
		if (bytes && options.bytes !== undefined)
			budgets.push({
				key: `bytes:user:${user.id}`,
				cost: options.bytes,
				now,
				burst: bytes.burst,
				perMinute: bytes.perMinute
			});
	}
	const outcome = await ctx.storage.applyBatch(user.communeId, items, budgets);
	if (!outcome.ok) throw new WriteBudgetSpent(outcome.retryAfterMs);
	let next = 0;
	const answered = request.mutations.map((m, i): MutationResult =>
		problems[i] === null
			? outcome.results[next++]!
			: { mutationId: m.mutationId, status: 'rejected', code: 'invalid', reason: problems[i]! }
	);
	const results = await nameLostWriters(ctx, user.communeId, request.mutations, answered);
	// The schedule rows were written with the meetings; the timer follows the new earliest push.
	if (state.scheduled) await pushScheduler()?.arm();
	// Committed: poke the event streams of those who may read what changed (old and new unit).
	const seq = Math.max(0, ...results.map((r) => (r.status === 'applied' ? (r.seq ?? 0) : 0)));
	if (seq > 0 && state.touched.size > 0)
		ctx.feed.publish({
			type: 'changes',
			communeId: user.communeId,
			seq,
			unitCodes: [...state.touched]
		});
	return { version: PROTOCOL_VERSION, results, serverTime: now };
}

/**
 * The top-level fields whose values differ (record metadata left out), sorted. With
 * `missingIsEmpty`, a field one side lacks and the other holds as '', null or [] is the same: a
 * field added after a record was stored reads with that default (settings' planNumber, planDate,
 * plans).
 */
export function changedFields(
	before: Record<string, unknown>,
	after: Record<string, unknown>,
	opts: { missingIsEmpty?: boolean } = {}
): string[] {
	const empty = (v: unknown): boolean =>
		v === '' || v === null || (Array.isArray(v) && v.length === 0);
	const same = (a: unknown, b: unknown): boolean =>
		sameJson(a, b) ||
		(opts.missingIsEmpty === true &&
			((a === undefined && empty(b)) || (b === undefined && empty(a))));
	return [...new Set([...Object.keys(before), ...Object.keys(after)])]
		.filter((k) => !NOT_REPORTED.has(k) && !same(before[k], after[k]))
		.sort()
		.slice(0, 40);
}

type UnitEntry =
	| { action: 'unit.created'; name: string; detail: AuditDetail<'unit.created'> }
	| { action: 'unit.updated'; name: string; detail: AuditDetail<'unit.updated'> }
	| { action: 'unit.deleted'; name: string; detail: AuditDetail<'unit.deleted'> };

/**
 * The log entry of a change to the unit list, from the stored unit (null: none) and the merged one:
 * created (also one deleted before and written again), deleted (its tombstone), or what changed
 * of its name, kind and archived; null when none of these changed (a new order, a new updatedAt).
 */
export function unitEntry(
	before: Record<string, unknown> | null,
	after: Record<string, unknown>
): UnitEntry | null {
	const code = logText(after.code ?? before?.code) || '?';
	const name = logText(after.name);
	const kind = logText(after.kind);
	const gone = (u: Record<string, unknown> | null) => u === null || u.deleted === true;
	if (gone(before))
		return gone(after) ? null : { action: 'unit.created', name, detail: { code, name, kind } };
	const was = { name: logText(before!.name), kind: logText(before!.kind) };
	if (gone(after))
		return { action: 'unit.deleted', name: was.name, detail: { code, name: was.name } };
	const detail: AuditDetail<'unit.updated'> = { code };
	if (was.name !== name) detail.name = { from: was.name, to: name };
	if (was.kind !== kind) detail.kind = { from: was.kind, to: kind };
	if ((before!.archived === true) !== (after.archived === true))
		detail.archived = { from: before!.archived === true, to: after.archived === true };
	return Object.keys(detail).length > 1 ? { action: 'unit.updated', name, detail } : null;
}

type ReportEntry =
	| { action: 'report.finalized'; detail: AuditDetail<'report.finalized'> }
	| { action: 'report.reopened'; detail: AuditDetail<'report.reopened'> };

/**
 * The log entry of a change to a report (attacker review r20, 3: a report the province had read as
 * final could be changed, taken back or deleted without a trace): marked final, or final again with
 * other figures, number, symbol or date (`report.finalized`); final no longer, a draft or deleted
 * (`report.reopened`); null for any other change (a draft's text, a final one's untouched fields).
 */
export function reportEntry(
	before: Record<string, unknown> | null,
	after: Record<string, unknown>
): ReportEntry | null {
	const final = (r: Record<string, unknown> | null) =>
		r !== null && r.status === 'final' && r.deleted !== true;
	const which = {
		kind: after.periodKind as AuditDetail<'report.finalized'>['kind'],
		year: Number(after.year),
		unitCode: typeof after.unitCode === 'string' ? logText(after.unitCode) : null
	};
	const ISSUE = ['issued', 'number', 'symbol', 'issuedOn'] as const;
	if (final(after) && (!final(before) || ISSUE.some((k) => !sameJson(before![k], after[k])))) {
		const issued = after.issued as { asOf?: unknown } | null | undefined;
		return {
			action: 'report.finalized',
			detail: {
				...which,
				number: typeof after.number === 'number' ? after.number : null,
				symbol: logText(after.symbol),
				issuedOn: String(after.issuedOn),
				asOf: typeof issued?.asOf === 'string' ? issued.asOf : null
			}
		};
	}
	if (final(before) && !final(after))
		return { action: 'report.reopened', detail: { ...which, deleted: after.deleted === true } };
	return null;
}

/**
 * A unit's name, code or kind as the log can hold it: the unit schema does not forbid a control
 * character in a name (a tab pasted from a spreadsheet), and an entry's text must be plain, so such
 * a character is shown as U+FFFD, and the text kept to 200 characters: the entry never fails, and
 * with it the push, over a unit's name.
 */
const logText = (v: unknown): string =>
	Array.from(typeof v === 'string' ? v : '')
		.slice(0, 200)
		.map((c) => (isPlainText(c) ? c : '\ufffd'))
		.join('');

/** Record metadata every edit stamps: never reported as a field the user lost. */
const NOT_REPORTED: ReadonlySet<string> = new Set(['createdAt', 'updatedAt']);

/**
 * The fields an incoming change wrote whose stored value is newer and different, with the winning
 * clock. A field that lost to the same value is not a loss the user needs to hear about.
 */
export function lostFields(
	incoming: FieldState,
	merged: FieldState,
	incomingLost: readonly string[]
): { field: string; clock: string }[] {
	return incomingLost
		.filter((f) => !NOT_REPORTED.has(f) && !sameJson(merged.data[f], incoming.data[f]))
		.map((f) => ({ field: f, clock: merged.clocks[f] ?? '' }))
		.filter((l) => parseHlc(l.clock) !== null);
}

/**
 * Name who wrote each lost field's winning value: the clock's device, through the change log, to
 * its account (after the commit; a read only). Duplicates carry their stored `lost` and are named
 * again, so a device whose answer was lost still hears it on the retry.
 */
async function nameLostWriters(
	ctx: ServerContext,
	communeId: string,
	mutations: readonly Mutation[],
	results: MutationResult[]
): Promise<MutationResult[]> {
	if (!results.some((r) => r.lost && r.lost.length > 0)) return results;
	// Paired by position (the answers are in request order): one request may carry the same
	// mutation id twice, for two records, and only the first of them is applied.
	return Promise.all(
		results.map(async (r, i) => {
			const m = mutations[i];
			if (!r.lost || r.lost.length === 0 || !m || r.status === 'rejected') return r;
			const devices = r.lost.map((l) => parseHlc(l.clock)?.node ?? '').filter(Boolean);
			const writers = await ctx.storage.findRecordWriters(communeId, m.entity, m.recordId, devices);
			const nameOf = new Map(writers.map((w) => [w.deviceId, w.userName]));
			return {
				...r,
				lost: r.lost.map((l) => ({
					field: l.field,
					clock: l.clock,
					byUserName: nameOf.get(parseHlc(l.clock)?.node ?? '') ?? null
				}))
			};
		})
	);
}

/**
 * The clock of a value the server itself writes over a record's fields: the next after every clock
 * they hold (`after`), on the server's node (`SERVER_DEVICE`), so each device takes it from its next
 * pull, whatever value it holds at the clocks before, and a later edit of a device still wins.
 */
function serverStamp(after: readonly string[]): string {
	let latest = { wall: 0, counter: 0, node: SERVER_DEVICE };
	for (const text of after) {
		const h = parseHlc(text);
		if (h && compareHlc(h, latest) > 0) latest = h;
	}
	// Just after them, never at the server's own time: a push may reach the server hours after it
	// was made, and an edit made offline in between must still win over this value nobody typed.
	return latest.counter < MAX_COUNTER
		? formatHlc({ wall: latest.wall, counter: latest.counter + 1, node: SERVER_DEVICE })
		: formatHlc({ wall: latest.wall + 1, counter: 0, node: SERVER_DEVICE });
}

/**
 * The settings' old single plan after a year-by-year merge of `plans` took years the change did
 * not hold: made the merged list's mirror again (`remirror`), so that it never reads as an older
 * app's plan overriding a year. The fields it changes get a clock of the server's (`serverStamp`):
 * kept at the change's clock, the stored value would be one no device wrote at that clock, and a
 * device holding the change's own value there (its push answered, its pull merged with the
 * unsent entry) settles the tie by value and may keep its own, differing from the server's.
 */
function withMirror(
	r: Resolution,
	current: FieldState,
	incoming: FieldState,
	now: number
): Resolution {
	// Only a change that wrote the list (an older app's edit of the old fields alone, even one
	// clearing them, stays as it was written).
	if (!incoming.clocks.plans || sameJson(r.merged.data.plans, incoming.data.plans)) return r;
	const next = remirror(
		r.merged.data as unknown as PlanSettings,
		[incoming.data.plans as PlanSettings['plans'], current.data.plans as PlanSettings['plans']],
		toLocalDate(now)
	);
	if (next === null) return r;
	const clocks = { ...r.merged.clocks };
	const stamp = serverStamp([
		clocks.planNumber ?? '',
		clocks.planDate ?? '',
		incoming.clocks.plans
	]);
	for (const key of ['planNumber', 'planDate'] as const)
		if (!sameJson(next[key], r.merged.data[key])) clocks[key] = stamp;
	const merged: FieldState = { data: { ...r.merged.data, ...next }, clocks };
	return { ...r, merged, ...overwriting(current, merged) };
}

/** Decide one mutation against the stored record; pure given `state` (runs in the transaction). */
function decideOne(
	ctx: ServerContext,
	user: CommuneActor & AuditActor,
	m: Mutation,
	deviceId: string,
	now: number,
	current: StoredRecord | null,
	state: BatchState
): Decision {
	const checked = checkMutation(m, now, ctx.maxSkewMs, deviceId);
	if (!checked.ok) return reject(checked.code, checked.reason);
	const { record, fields, parts, unitCode } = checked.value;
	const action = writeActionOf(m.entity);
	const forbidden = `${user.role} may not write this ${m.entity}`;
	if (!can(user, action, unitCode)) return reject('forbidden', forbidden);
	if (unitCode !== null) {
		const unit = state.units.get(unitCode);
		if (!unit) return reject('unknown_unit', `unit ${unitCode} does not exist`);
		if (unit.archived) return reject('locked', `unit ${unitCode} is archived`);
	}
	if (current && !can(user, action, current.unitCode)) return reject('forbidden', forbidden);

	const keyed = entityOf(m.entity).keyedLists;
	const incoming = changeState(
		record,
		m.hlc,
		current ? fields : undefined,
		keyed && parts ? { keyed, names: parts } : undefined
	);
	// A year the change holds without naming it is not written by it (withoutUnnamed).
	const resolved = current
		? resolve(current.state, withoutUnnamed(incoming, current.state, keyed), keyed)
		: resolve(null, incoming, keyed);
	const r =
		m.entity === 'settings' && current
			? withMirror(resolved, current.state, incoming, now)
			: resolved;
	// The record was parsed once, by checkMutation. A merge that took a stored value the change
	// did not carry is parsed again (it may break a rule across fields); a new record, or a merge
	// whose values are all the change's own (the usual edit), is the parsed record itself.
	const merged =
		current && !sameJson(r.merged.data, record)
			? parseRecord(m.entity, r.merged.data)
			: { ok: true as const, record: r.merged.data };
	if (!merged.ok) return reject('conflict', `merged record invalid: ${merged.reason}`);
	// The report rules of a write, not of the schema (one stored before them stays readable;
	// domain/report-document/schema.ts).
	const refusal =
		m.entity === 'report'
			? reportWriteRefusal(
					merged.record as ReportDraft,
					(current?.state.data as ReportDraft | undefined) ?? null
				)
			: null;
	if (refusal) return reject('invalid', `${refusal.path}: ${refusal.message}`);
	const mergedUnit = unitOf(m.entity, r.merged.data);
	if (!can(user, action, mergedUnit))
		return reject('conflict', 'merged record belongs to another unit');
	const history: Extract<Decision, { kind: 'write' }>['history'] = [];
	if (current && r.currentOverwritten.length > 0)
		history.push({ kind: 'superseded', state: current.state });
	if (r.incomingLost.length > 0) history.push({ kind: 'lost', state: incoming });
	const data = r.merged.data;
	if (r.changed) {
		state.touched.add(mergedUnit);
		if (current) state.touched.add(current.unitCode);
	}
	const lost = current ? lostFields(incoming, r.merged, r.incomingLost) : [];
	const decision: Decision = {
		kind: 'write',
		...(lost.length > 0 ? { lost } : {}),
		state: r.merged,
		unitCode: mergedUnit,
		hlc: maxClock(r.merged),
		deleted: data.deleted === true,
		changed: r.changed,
		history
	};
	/** The entry of this change, by the pushing account, in its commune's log, about this record. */
	const logged = <A extends AuditAction>(action: A, name: string | null, detail: AuditDetail<A>) =>
		auditEntry(ctx, user, user.communeId, action, { id: m.recordId, name }, detail);
	if (m.entity === 'unit') {
		decision.unit = {
			code: String(data.code),
			name: String(data.name),
			kind: String(data.kind),
			archived: data.archived === true || data.deleted === true
		};
		// A later mutation of this request sees the unit as it is now.
		state.units.set(decision.unit.code, decision.unit);
		// A change of the unit list is an admin action: logged with it (the server's seeding is not).
		if (r.changed && deviceId !== SERVER_DEVICE) {
			const entry = unitEntry(current?.state.data ?? null, data);
			if (entry) decision.audit = [logged(entry.action, entry.name, entry.detail)];
		}
	}
	if (m.entity === 'settings' && state.scheduling) state.settings = merged.record as Settings;
	// A change of the commune's settings is logged with it (each field it changed, from → to:
	// domain/settings-audit.ts), unless it is the server's own seeding.
	// A save that altered no field (every save stamps a new `updatedAt`; a field added after the
	// record was stored reads as its default on the phone) logs nothing.
	if (m.entity === 'settings' && r.changed && deviceId !== SERVER_DEVICE) {
		const before = current?.state.data ?? {};
		const fields = changedFields(before, data, { missingIsEmpty: true });
		// With their values from → to; null: only the old single plan was read into the list.
		const detail = settingsChangeDetail(before, data, fields);
		if (detail !== null) decision.audit = [logged('settings.changed', null, detail)];
	}
	// A report made final, issued again or taken back: what the province reads changes (attacker
	// review r20, 3).
	if (m.entity === 'report' && r.changed && deviceId !== SERVER_DEVICE) {
		const entry = reportEntry(current?.state.data ?? null, data);
		if (entry) decision.audit = [logged(entry.action, null, entry.detail)];
	}
	if (m.entity === 'meeting' && state.scheduling) {
		// Meeting timer in the background: (re)schedule or cancel this meeting's Web Pushes, from
		// the merged record, in the same transaction. A new meeting has nothing to cancel.
		const schedule = scheduleFor(
			{ ...(merged.record as Meeting), deleted: decision.deleted },
			user.id,
			state.settings?.limits ? state.settings : null,
			now
		);
		if (schedule.kind !== 'cancel' || current) decision.pushSchedule = schedule;
		// Only new pushes can be due earlier than the timer: a cancelled one that was next just
		// wakes the scheduler for nothing (it re-arms then, and every minute anyway).
		if (schedule.kind !== 'cancel') state.scheduled = true;
	}
	return decision;
}
