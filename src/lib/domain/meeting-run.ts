/**
 * Running a meeting live, as pure transitions on the stored record: start, end a sitting, start
 * the next sitting, end the meeting, mark the current agenda item, edit the agenda. The device
 * saves the result through its validated write path (db/meeting-run.ts).
 */
import type { FieldErrors } from './issues';
import type { AgendaItem, Meeting, Sitting } from './schemas';
import { toLocalDate } from './time';

/**
 * A meeting as a form or a transition gives it: the stored fields without the derived and meta
 * ones. `role` may be left out (callers from before roles existed): the schema's default
 * `chu_tri` applies.
 */
export type MeetingInput = Omit<
	Meeting,
	'id' | 'date' | 'role' | 'createdAt' | 'updatedAt' | 'deleted'
> & {
	id?: string;
	role?: Meeting['role'];
};

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

/**
 * The day a planned meeting was planned for, when starting it at `now` would move it to another
 * day (the live record starts now: clerk review r19, 3, asked first); null when it is planned for
 * today or is not planned.
 */
export function startMovesDay(m: Pick<Meeting, 'status' | 'date'>, now: number): string | null {
	return m.status === 'planned' && m.date !== toLocalDate(now) ? m.date : null;
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
