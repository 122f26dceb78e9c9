/**
 * Push: apply a batch of mutations, each at most once, each on its own. A rejected mutation is
 * reported with a code and does not stop the others. Nothing is written for a rejection.
 */
import { changeState, maxClock, resolve } from '$lib/domain/sync/merge';
import {
	PROTOCOL_VERSION,
	type Mutation,
	type MutationResult,
	type PushRequest,
	type PushResponse
} from '$lib/domain/sync/protocol';
import { can, writeActionOf, type Actor } from '../auth/permissions';
import type { ServerContext } from '../context';
import type { Decision, StoredRecord } from '../storage/types';
import { checkMutation, parseRecord, unitOf } from './validate';
import { meetingPushed } from '../push/service';

export async function push(
	ctx: ServerContext,
	user: Actor,
	request: PushRequest
): Promise<PushResponse> {
	const results: MutationResult[] = [];
	for (const m of request.mutations) {
		const result = await applyOne(ctx, user, request.deviceId, m);
		results.push(result);
		// Meeting timer in the background: (re)schedule or cancel Web Pushes for this meeting.
		if (m.entity === 'meeting' && result.status === 'applied')
			await meetingPushed(ctx, user.id, m.recordId);
	}
	return { version: PROTOCOL_VERSION, results, serverTime: ctx.now() };
}

const rejected = (
	m: Mutation,
	code: NonNullable<MutationResult['code']>,
	reason: string
): MutationResult => ({
	mutationId: m.mutationId,
	status: 'rejected',
	code,
	reason
});

export async function applyOne(
	ctx: ServerContext,
	user: Actor,
	deviceId: string,
	m: Mutation
): Promise<MutationResult> {
	const done = await ctx.storage.findAppliedMutation(m.mutationId);
	if (done) return { ...done, status: 'duplicate' };

	const now = ctx.now();
	const checked = checkMutation(m, now, ctx.maxSkewMs);
	if (!checked.ok) return rejected(m, checked.code, checked.reason);
	const { record, fields, unitCode } = checked.value;
	const action = writeActionOf(m.entity);
	if (!can(user, action, unitCode))
		return rejected(m, 'forbidden', `${user.role} may not write this ${m.entity}`);
	if (unitCode !== null) {
		const unit = await ctx.storage.findUnit(unitCode);
		if (!unit) return rejected(m, 'unknown_unit', `unit ${unitCode} does not exist`);
		if (unit.archived) return rejected(m, 'locked', `unit ${unitCode} is archived`);
	}

	const decide = (current: StoredRecord | null): Decision => {
		if (current && !can(user, action, current.unitCode)) {
			return {
				kind: 'reject',
				code: 'forbidden',
				reason: `${user.role} may not write this ${m.entity}`
			};
		}
		const incoming = changeState(record, m.hlc, current ? fields : undefined);
		const r = resolve(current?.state ?? null, incoming);
		const merged = parseRecord(m.entity, r.merged.data);
		if (!merged.ok)
			return {
				kind: 'reject',
				code: 'conflict',
				reason: `merged record invalid: ${merged.reason}`
			};
		const mergedUnit = unitOf(m.entity, r.merged.data);
		if (!can(user, action, mergedUnit)) {
			return { kind: 'reject', code: 'conflict', reason: 'merged record belongs to another unit' };
		}
		const history: Extract<Decision, { kind: 'write' }>['history'] = [];
		if (current && r.currentOverwritten.length > 0)
			history.push({ kind: 'superseded', state: current.state });
		if (r.incomingLost.length > 0) history.push({ kind: 'lost', state: incoming });
		const data = r.merged.data;
		return {
			kind: 'write',
			state: r.merged,
			unitCode: mergedUnit,
			hlc: maxClock(r.merged),
			deleted: data.deleted === true,
			changed: r.changed,
			history,
			...(m.entity === 'unit'
				? {
						unit: {
							code: String(data.code),
							name: String(data.name),
							kind: String(data.kind),
							archived: data.archived === true || data.deleted === true
						}
					}
				: {})
		};
	};
	return ctx.storage.applyMutation(
		{
			mutationId: m.mutationId,
			entity: m.entity,
			recordId: m.recordId,
			userId: user.id,
			deviceId,
			at: now
		},
		decide
	);
}
