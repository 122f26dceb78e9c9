/**
 * The same rules, checked in one step (issue 13, point 2). zod runs every check of a chain such as
 * `z.string().trim().min(1).max(300)` or `z.number().int().min(0).max(1e9)` as its own step, with
 * its own bookkeeping: in a meeting those steps were more than half of the parse. `oneStep(schema)`
 * is `schema` whose checks run as one plain predicate; a value the predicate does not vouch for is
 * checked by `schema` itself, so every issue (code, message, path, abort) is the one `schema`
 * raises. Only the checks below are folded, each to a test never looser than zod's own; a schema
 * with any other check, or with fewer than two, is returned as it is.
 */
import type { z } from 'zod';

type Step = (value: unknown) => unknown;
/** Returned by a step that cannot vouch for the value. */
const FAIL = Symbol('fail');

interface CheckDef {
	check?: string;
	format?: string;
	pattern?: RegExp;
	minimum?: number;
	maximum?: number;
	value?: unknown;
	inclusive?: boolean;
	tx?: (value: unknown) => unknown;
	/** A refinement's predicate (`.refine(fn)`); a superRefine has none and is not folded. */
	fn?: (value: unknown) => unknown;
	type?: string;
}

/** One check as a step: the value it leaves (an overwrite's result), or FAIL. */
function stepOf(def: CheckDef): Step | null {
	const { minimum, maximum, value, pattern, tx } = def;
	switch (def.check) {
		case 'overwrite':
			return tx ?? null;
		case 'min_length':
			// zod counts a string's code points when its UTF-16 length is in [min, 2 min): a string
			// at least twice as long, or a minimum of 0 or 1 met by its UTF-16 length, passes
			// either way. An array's length is its length.
			if (minimum === undefined) return null;
			return (v) =>
				(typeof v === 'string' &&
					(v.length >= 2 * minimum || (minimum <= 1 && v.length >= minimum))) ||
				(Array.isArray(v) && v.length >= minimum)
					? v
					: FAIL;
		case 'max_length':
			// Code points never outnumber UTF-16 units.
			if (maximum === undefined) return null;
			return (v) => ((typeof v === 'string' || Array.isArray(v)) && v.length <= maximum ? v : FAIL);
		case 'string_format':
			if (def.format !== 'regex' || !pattern || pattern.global || pattern.sticky) return null;
			return (v) => (typeof v === 'string' && pattern.test(v) ? v : FAIL);
		case 'greater_than':
			if (typeof value !== 'number') return null;
			return (v) => (typeof v === 'number' && (def.inclusive ? v >= value : v > value) ? v : FAIL);
		case 'less_than':
			if (typeof value !== 'number') return null;
			return (v) => (typeof v === 'number' && (def.inclusive ? v <= value : v < value) ? v : FAIL);
		case 'number_format':
			if (def.format !== 'safeint') return null;
			return (v) => (Number.isSafeInteger(v) ? v : FAIL);
		case 'custom': {
			const fn = def.fn;
			if (def.type !== 'custom' || typeof fn !== 'function') return null;
			return (v) => (fn(v) === true ? v : FAIL);
		}
		default:
			return null;
	}
}

interface Payload {
	value: unknown;
	issues: { continue?: boolean }[];
}
interface Check {
	_zod: { def: { when?: (payload: Payload) => boolean }; check: (payload: Payload) => unknown };
}

/** zod's own test: an issue that does not say `continue: true` stops the checks without `when`. */
const stops = (payload: Payload, from = 0): boolean =>
	payload.issues.slice(from).some((i) => i.continue !== true);

/**
 * The original checks, run as zod runs them (core/schemas.js `runChecks`): a check with a `when`
 * (the length checks) still runs after an issue that did not say `continue: false`; the others
 * stop at the first issue that does not say `continue: true`.
 */
function runChecks(payload: Payload, checks: readonly Check[]): void {
	let stopped = stops(payload);
	for (const ch of checks) {
		const when = ch._zod.def.when;
		if (when) {
			if (payload.issues.some((i) => i.continue === false) || !when(payload)) continue;
		} else if (stopped) continue;
		const before = payload.issues.length;
		const r = ch._zod.check(payload);
		if (r instanceof Promise) throw new Error('oneStep: asynchronous check');
		if (!stopped && payload.issues.length !== before) stopped = stops(payload, before);
	}
}

/** `schema` with its checks folded into one step (see the file comment). */
export function oneStep<S extends z.ZodString | z.ZodNumber | z.ZodArray<z.ZodType>>(schema: S): S {
	const def = schema._zod.def;
	const checks = (def.checks ?? []) as unknown as readonly Check[];
	const steps: Step[] = [];
	for (const check of checks) {
		const step = stepOf(check._zod.def as CheckDef);
		if (!step) return schema;
		steps.push(step);
	}
	// One check is one step already.
	if (steps.length < 2) return schema;
	const check = (payload: Payload): void => {
		if (payload.issues.length === 0) {
			let v: unknown = payload.value;
			for (const step of steps) {
				v = step(v);
				if (v === FAIL) break;
			}
			if (v !== FAIL) {
				payload.value = v;
				return;
			}
		}
		// Not vouched for (or after a type issue): the original checks decide, on the value as it
		// came, the way zod runs them.
		runChecks(payload, checks);
	};
	// With a length check (zod gives those a `when`), run even after a type issue, as that check
	// does; runChecks skips what zod would skip then. Without one, every check stops there.
	const when = checks.some((c) => c._zod.def.when) ? () => true : undefined;
	const folded = { _zod: { def: { check: 'custom', when }, check, onattach: [] } };
	const bare = (
		schema as unknown as { clone(def: unknown): { check(check: unknown): unknown } }
	).clone({ ...def, checks: [] });
	return bare.check(folded) as S;
}
