/**
 * Running a meeting live: start, end a sitting, start the next sitting, end the meeting, mark
 * the current agenda item, edit the agenda. Each is a pure transition on the stored record
 * (`nextRun`) followed by the validated write path (saveMeeting), so the outbox gets the change.
 * Times come from the injected clock: the timer is always computed from these timestamps.
 */
import type { AgendaItem, Meeting, Sitting } from '$lib/domain/schemas';
import type { FieldErrors, Validated } from '$lib/domain/issues';
import type { AppDatabase } from './database';
import type { Clock } from './clock';
import { saveMeeting, type MeetingInput } from './meetings-write';

export type RunAction =
	| { type: 'start' }
	| { type: 'endSitting' }
	| { type: 'nextSitting' }
	| { type: 'end' }
	| { type: 'setCurrentItem'; itemId: string | null }
	| { type: 'setAgenda'; agenda: AgendaItem[] };

const fail = (key: string): { ok: false; errors: FieldErrors } => ({
	ok: false,
	errors: { _: key }
});

/** A closed interval never ends at or before its start (the schema demands end > start). */
const closeAt = (s: Sitting, now: number): Sitting =>
	s.end === null ? { start: s.start, end: Math.max(now, s.start + 1) } : s;

const closeSpans = (agenda: readonly AgendaItem[], now: number): AgendaItem[] =>
	agenda.map((a) =>
		a.spans.some((s) => s.end === null) ? { ...a, spans: a.spans.map((s) => closeAt(s, now)) } : a
	);

const running = (sittings: readonly Sitting[]): boolean =>
	sittings.length > 0 && sittings[sittings.length - 1]!.end === null;

function toInput(m: Meeting): MeetingInput {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { date, createdAt, updatedAt, deleted, ...rest } = m;
	return rest;
}

/** The record after `action` at `now`, or a message key saying why it cannot happen. */
export function nextRun(
	m: Meeting,
	action: RunAction,
	now: number
): { ok: true; value: MeetingInput } | { ok: false; errors: FieldErrors } {
	const input = toInput(m);
	switch (action.type) {
		case 'start': {
			if (m.status !== 'planned') return fail('meetingrun.err.notPlanned');
			// The planned sittings were a schedule; the live record starts now.
			return {
				ok: true,
				value: { ...input, status: 'in_progress', sittings: [{ start: now, end: null }] }
			};
		}
		case 'endSitting': {
			if (m.status !== 'in_progress' || !running(m.sittings))
				return fail('meetingrun.err.notRunning');
			return {
				ok: true,
				value: {
					...input,
					sittings: m.sittings.map((s) => closeAt(s, now)),
					agenda: closeSpans(m.agenda, now)
				}
			};
		}
		case 'nextSitting': {
			const last = m.sittings[m.sittings.length - 1];
			if (m.status !== 'in_progress' || !last || last.end === null)
				return fail('meetingrun.err.notPaused');
			const start = Math.max(now, last.end);
			// The item that was current when the sitting ended carries on.
			const resumed = m.agenda.find((a) => a.spans.some((s) => s.end === last.end));
			return {
				ok: true,
				value: {
					...input,
					sittings: [...m.sittings, { start, end: null }],
					agenda: m.agenda.map((a) =>
						a === resumed ? { ...a, spans: [...a.spans, { start, end: null }] } : a
					)
				}
			};
		}
		case 'end': {
			if (m.status !== 'in_progress') return fail('meetingrun.err.notRunning');
			return {
				ok: true,
				value: {
					...input,
					status: 'held',
					sittings: m.sittings.map((s) => closeAt(s, now)),
					agenda: closeSpans(m.agenda, now)
				}
			};
		}
		case 'setCurrentItem': {
			if (action.itemId !== null && !m.agenda.some((a) => a.id === action.itemId))
				return fail('meetingrun.err.noItem');
			if (action.itemId !== null && (m.status !== 'in_progress' || !running(m.sittings)))
				return fail('meetingrun.err.notRunning');
			const closed = closeSpans(m.agenda, now);
			return {
				ok: true,
				value: {
					...input,
					agenda: closed.map((a) =>
						a.id === action.itemId ? { ...a, spans: [...a.spans, { start: now, end: null }] } : a
					)
				}
			};
		}
		case 'setAgenda': {
			// Editing keeps the recorded spans of items that stay; new items start without time.
			const spansOf = new Map(m.agenda.map((a) => [a.id, a.spans]));
			return {
				ok: true,
				value: {
					...input,
					agenda: action.agenda.map((a) => ({ ...a, spans: spansOf.get(a.id) ?? [] }))
				}
			};
		}
	}
}

/**
 * Apply a run action to the stored meeting and save it through the validated write path.
 * The action's instant is read from the clock when this is called (the chair's tap), before the
 * stored record is read: that read can wait on a busy device or behind a sync transaction, and the
 * time spent waiting must not move a start, an end or an agenda mark.
 */
export async function runMeeting(
	db: AppDatabase,
	id: string,
	action: RunAction,
	clock: Clock
): Promise<Validated<Meeting>> {
	const at = clock.now();
	const m = await db.meetings.get(id);
	if (!m || m.deleted) return fail('common.notFound');
	const next = nextRun(m, action, at);
	if (!next.ok) return next;
	return saveMeeting(db, next.value, clock);
}
