/**
 * Pure meeting-timer maths: the countdown to a category's limit, which notification thresholds
 * are due, when the next one falls, and how the meeting runs against its agenda plan.
 * Everything is computed from the stored timestamps and an injected `now`, so the numbers are
 * right after a reload, a locked screen, a killed app or a day's gap between sittings.
 */
import { durationMs, MINUTE_MS } from './meeting';
import type { AgendaItem, Sitting } from './schemas';

export const OVERTIME_EVERY_MINUTES = 30;

export type ThresholdKind = 'warning' | 'limit' | 'overtime';

export interface Threshold {
	/** Stable per meeting: 'warning', 'limit', 'over-30', 'over-60', … (kept as "notified"). */
	key: string;
	kind: ThresholdKind;
	/** Meeting time (sum of sittings) at which it falls. */
	atElapsedMs: number;
	/** Minutes past the limit (overtime thresholds only; 0 otherwise). */
	overtimeMinutes: number;
}

export interface TimerInput {
	sittings: readonly Sitting[];
	/** The category's limit in minutes; null = no limit (working meetings unless the commune sets one). */
	limitMinutes: number | null;
	warningLeadMinutes: number;
	now: number;
}

/** True while the last sitting has no end. */
export const isRunning = (sittings: readonly Sitting[]): boolean =>
	sittings.length > 0 && sittings[sittings.length - 1]!.end === null;

/** The threshold list up to (and one past) the given elapsed time. */
export function thresholdsUpTo(
	limitMinutes: number | null,
	warningLeadMinutes: number,
	elapsedMs: number
): Threshold[] {
	if (limitMinutes === null) return [];
	const limitMs = limitMinutes * MINUTE_MS;
	const list: Threshold[] = [];
	if (warningLeadMinutes > 0 && warningLeadMinutes < limitMinutes) {
		list.push({
			key: 'warning',
			kind: 'warning',
			atElapsedMs: limitMs - warningLeadMinutes * MINUTE_MS,
			overtimeMinutes: 0
		});
	}
	list.push({ key: 'limit', kind: 'limit', atElapsedMs: limitMs, overtimeMinutes: 0 });
	const step = OVERTIME_EVERY_MINUTES * MINUTE_MS;
	const passed = elapsedMs > limitMs ? Math.floor((elapsedMs - limitMs) / step) : 0;
	for (let k = 1; k <= passed + 1; k++) {
		list.push({
			key: `over-${k * OVERTIME_EVERY_MINUTES}`,
			kind: 'overtime',
			atElapsedMs: limitMs + k * step,
			overtimeMinutes: k * OVERTIME_EVERY_MINUTES
		});
	}
	return list;
}

export type TimerPhase = 'none' | 'ok' | 'warning' | 'over';

export interface TimerState {
	elapsedMs: number;
	running: boolean;
	/** Limit minus elapsed (negative past the limit); null without a limit. */
	remainingMs: number | null;
	overtimeMs: number;
	phase: TimerPhase;
}

export function timerState(input: TimerInput): TimerState {
	const elapsedMs = durationMs(input.sittings, input.now);
	const running = isRunning(input.sittings);
	if (input.limitMinutes === null)
		return { elapsedMs, running, remainingMs: null, overtimeMs: 0, phase: 'none' };
	const remainingMs = input.limitMinutes * MINUTE_MS - elapsedMs;
	const phase: TimerPhase =
		remainingMs < 0
			? 'over'
			: remainingMs <= input.warningLeadMinutes * MINUTE_MS
				? 'warning'
				: 'ok';
	return { elapsedMs, running, remainingMs, overtimeMs: Math.max(0, -remainingMs), phase };
}

export interface DueResult {
	/** Passed and not yet notified, oldest first. */
	due: Threshold[];
	/** The one to show now (the latest due): after a gap, one notification, not a burst. */
	show: Threshold | null;
	/** The next threshold not yet reached, and its wall-clock time if a sitting is running. */
	next: Threshold | null;
	nextAt: number | null;
}

export function dueThresholds(input: TimerInput, notified: ReadonlySet<string>): DueResult {
	const elapsed = durationMs(input.sittings, input.now);
	const list = thresholdsUpTo(input.limitMinutes, input.warningLeadMinutes, elapsed);
	const due = list.filter((t) => t.atElapsedMs <= elapsed && !notified.has(t.key));
	const next = list.find((t) => t.atElapsedMs > elapsed) ?? null;
	const nextAt =
		next && isRunning(input.sittings) ? input.now + (next.atElapsedMs - elapsed) : null;
	return { due, show: due[due.length - 1] ?? null, next, nextAt };
}

/**
 * Wall-clock times of every threshold still ahead of a running meeting, up to `horizon` overtime
 * steps past the limit (the server schedules these as pushes). Empty when not running.
 */
export function upcomingThresholds(
	input: TimerInput,
	overtimeSteps = 8
): { threshold: Threshold; at: number }[] {
	if (!isRunning(input.sittings) || input.limitMinutes === null) return [];
	const elapsed = durationMs(input.sittings, input.now);
	const horizon =
		input.limitMinutes * MINUTE_MS + overtimeSteps * OVERTIME_EVERY_MINUTES * MINUTE_MS;
	return thresholdsUpTo(input.limitMinutes, input.warningLeadMinutes, horizon)
		.filter((t) => t.atElapsedMs > elapsed && t.atElapsedMs <= horizon)
		.map((threshold) => ({ threshold, at: input.now + (threshold.atElapsedMs - elapsed) }));
}

// ---- Agenda -------------------------------------------------------------------------------

/** The item whose span is open (the chair's current item), or null. */
export function currentItem(agenda: readonly AgendaItem[]): AgendaItem | null {
	return agenda.find((a) => a.spans.some((s) => s.end === null)) ?? null;
}

export const itemActualMs = (item: AgendaItem, now: number): number => durationMs(item.spans, now);

export interface PlanState {
	plannedMs: number;
	actualMs: number;
	/** Positive: behind plan by this much; negative: ahead. */
	deviationMs: number;
	/** Share of agenda time spent in discussion items (0..1); null before any time is recorded. */
	discussionShare: number | null;
}

/**
 * Against the plan: every item already taken up counts its actual minus planned time (early
 * finishes put the meeting ahead); the current item counts only once it overruns its plan.
 */
export function planState(agenda: readonly AgendaItem[], now: number): PlanState {
	const current = currentItem(agenda);
	let plannedMs = 0;
	let actualMs = 0;
	let deviationMs = 0;
	let discussionMs = 0;
	for (const item of agenda) {
		const planned = item.plannedMinutes * MINUTE_MS;
		const actual = itemActualMs(item, now);
		plannedMs += planned;
		actualMs += actual;
		if (item.kind === 'discussion') discussionMs += actual;
		if (item === current) deviationMs += Math.max(0, actual - planned);
		else if (item.spans.length > 0) deviationMs += actual - planned;
	}
	return {
		plannedMs,
		actualMs,
		deviationMs,
		discussionShare: actualMs > 0 ? discussionMs / actualMs : null
	};
}

/** "H:MM:SS" for the big countdown (absolute value; the caller shows the sign). */
export function formatClock(ms: number): string {
	const total = Math.floor(Math.abs(ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
