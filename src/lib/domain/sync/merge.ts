/**
 * Per-field last-writer-wins merge on hybrid logical clocks. Pure and deterministic.
 *
 * A record's sync state is its data plus one HLC text per field. For every field the value with the
 * greater clock wins; clocks embed the device id, so equal wall times break ties by device id. Equal
 * clocks with different values (only possible from a buggy device) break ties by the canonical JSON
 * of the value. The clock `''` means "not written by this change" and loses to every real clock.
 *
 * mergeStates is commutative, associative and idempotent (a state-based CRDT), so every order of
 * applying the same changes converges on the same record.
 */
import { compareHlcText } from './hlc';

export interface FieldState {
	readonly data: Readonly<Record<string, unknown>>;
	readonly clocks: Readonly<Record<string, string>>;
}

/** Clock of a field that a change carries but did not write (e.g. untouched fields of a full put). */
export const UNWRITTEN = '';

/** JSON with object keys sorted, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(sortKeys(value)) ?? 'undefined';
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort())
			out[key] = sortKeys((value as Record<string, unknown>)[key]);
		return out;
	}
	return value;
}

/** What JSON.stringify writes nothing for (an object member) or `null` for (an array element). */
const unwritable = (v: unknown): boolean =>
	v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * `canonicalJson(a) === canonicalJson(b)`, without building either text (issue 13: the merge of
 * an edit compared every field's canonical JSON several times). For the plain data records are:
 * JSON.stringify's rules for undefined, functions, symbols and non-finite numbers are kept
 * (property-tested against canonicalJson).
 */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a === 'number' && !Number.isFinite(a)) a = null;
	if (typeof b === 'number' && !Number.isFinite(b)) b = null;
	if (unwritable(a)) a = undefined;
	if (unwritable(b)) b = undefined;
	if (a === b) return true;
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
	if (Array.isArray(a) || Array.isArray(b)) {
		if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) {
			const x: unknown = unwritable(a[i]) ? null : a[i];
			const y: unknown = unwritable(b[i]) ? null : b[i];
			if (!sameJson(x, y)) return false;
		}
		return true;
	}
	const ra = a as Record<string, unknown>;
	const rb = b as Record<string, unknown>;
	let written = 0;
	for (const key of Object.keys(ra)) {
		if (unwritable(ra[key])) continue;
		written++;
		if (!Object.hasOwn(rb, key) || !sameJson(ra[key], rb[key])) return false;
	}
	for (const key of Object.keys(rb)) if (!unwritable(rb[key])) written--;
	return written === 0;
}

/**
 * `[...keys].sort()`, remembered for the last few key lists: the records of a kind share theirs
 * (the schema's shape), so a push sorts each list once instead of once per record (issue 13).
 * The lists given back are shared: callers only read them.
 */
const sorts: { keys: readonly string[]; sorted: readonly string[] }[] = [];
function sortedKeys(keys: readonly string[]): readonly string[] {
	for (const s of sorts) if (sameList(s.keys, keys)) return s.sorted;
	const sorted = [...keys].sort();
	sorts.unshift({ keys: [...keys], sorted });
	if (sorts.length > 8) sorts.pop();
	return sorted;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function aWins(va: unknown, ca: string, vb: unknown, cb: string): boolean {
	const byClock = compareHlcText(ca, cb);
	if (byClock !== 0) return byClock > 0;
	// The same value (a primitive, or one object merged with itself) wins against itself.
	return va === vb || canonicalJson(va) >= canonicalJson(vb);
}

/**
 * Fields holding a list of items keyed by one of their properties (field -> property; settings'
 * `plans` by `year`, `entityOf(kind).keyedLists`). Such a field merges item by item: each item has
 * a clock of its own in the state's clocks under `partName(field, key)` (`plans.2027`), so two
 * devices that change different items both keep theirs, and the same item changed on both goes
 * to the later clock, as a field does. An item a state holds without a clock of its own (a list
 * written whole: an older app's change, a record stored before) has the field's clock; one it
 * lacks without a clock of its own was never written there (a whole list removes no item). A clock
 * of its own on an absent item is its removal. At equal clocks an item held beats one absent.
 */
export type KeyedLists = Readonly<Record<string, string>>;

/** The clock name of one item of a keyed list: `plans.2027`. */
export const partName = (field: string, key: string): string => `${field}.${key}`;

const itemKey = (item: unknown, prop: string): string | null => {
	if (item === null || typeof item !== 'object') return null;
	const v = (item as Record<string, unknown>)[prop];
	return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
};

/** The items of a keyed list by their key (the first of a key; a list is checked for twice). */
export function itemsByKey(value: unknown, prop: string): Map<string, unknown> {
	const items = new Map<string, unknown>();
	if (Array.isArray(value))
		for (const item of value) {
			const k = itemKey(item, prop);
			if (k !== null && !items.has(k)) items.set(k, item);
		}
	return items;
}

/** The keys of the items a state has a clock of its own for. */
function partKeys(s: FieldState, field: string): string[] {
	const prefix = `${field}.`;
	return Object.keys(s.clocks)
		.filter((c) => c.startsWith(prefix))
		.map((c) => c.slice(prefix.length));
}

function itemClock(s: FieldState, field: string, key: string, held: boolean): string {
	const own = s.clocks[partName(field, key)];
	if (own !== undefined) return own;
	return held ? (s.clocks[field] ?? UNWRITTEN) : UNWRITTEN;
}

/** Numeric keys (years) in number order, others by text. */
const byKey = (a: string, b: string): number =>
	/^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;

/** What a keyed list's item is in a state: held or not, its value and its clock. */
interface Item {
	held: boolean;
	value: unknown;
	clock: string;
}

function itemOf(s: FieldState, items: Map<string, unknown>, field: string, key: string): Item {
	const held = items.has(key);
	return { held, value: items.get(key), clock: itemClock(s, field, key, held) };
}

function itemWins(a: Item, b: Item): boolean {
	const byClock = compareHlcText(a.clock, b.clock);
	if (byClock !== 0) return byClock > 0;
	if (a.held !== b.held) return a.held;
	return !a.held || canonicalJson(a.value) >= canonicalJson(b.value);
}

function mergeKeyed(
	a: FieldState,
	b: FieldState,
	field: string,
	prop: string,
	data: Record<string, unknown>,
	clocks: Record<string, string>
): void {
	const ia = itemsByKey(a.data[field], prop);
	const ib = itemsByKey(b.data[field], prop);
	const keys = [
		...new Set([...ia.keys(), ...ib.keys(), ...partKeys(a, field), ...partKeys(b, field)])
	].sort(byKey);
	const list: unknown[] = [];
	for (const key of keys) {
		const x = itemOf(a, ia, field, key);
		const y = itemOf(b, ib, field, key);
		const w = itemWins(x, y) ? x : y;
		if (w.held) list.push(w.value);
		if (w.held || w.clock !== UNWRITTEN) clocks[partName(field, key)] = w.clock;
	}
	data[field] = list;
	const ca = a.clocks[field] ?? UNWRITTEN;
	const cb = b.clocks[field] ?? UNWRITTEN;
	clocks[field] = compareHlcText(ca, cb) >= 0 ? ca : cb;
}

/** The keyed fields either state holds (a field neither holds merges as it always did). */
const keyedIn = (a: FieldState, b: FieldState, keyed: KeyedLists | undefined): string[] =>
	keyed === undefined
		? []
		: Object.keys(keyed).filter((f) => Object.hasOwn(a.data, f) || Object.hasOwn(b.data, f));

export function mergeStates(a: FieldState, b: FieldState, keyed?: KeyedLists): FieldState {
	const data: Record<string, unknown> = {};
	const clocks: Record<string, string> = {};
	const lists = keyedIn(a, b, keyed);
	if (a === b && lists.length === 0) {
		// A state merged with itself (a new record): every field wins against itself.
		for (const key of sortedKeys(Object.keys(a.data))) {
			data[key] = a.data[key];
			clocks[key] = a.clocks[key] ?? UNWRITTEN;
		}
		return { data, clocks };
	}
	const aKeys = Object.keys(a.data);
	const bKeys = Object.keys(b.data);
	// The same fields in the same order (the usual edit): their union is either list.
	const keys = sameList(aKeys, bKeys)
		? sortedKeys(aKeys)
		: [...new Set([...aKeys, ...bKeys])].sort();
	for (const key of keys) {
		if (lists.includes(key)) {
			mergeKeyed(a, b, key, keyed![key]!, data, clocks);
			continue;
		}
		const inA = Object.hasOwn(a.data, key);
		const inB = Object.hasOwn(b.data, key);
		const ca = a.clocks[key] ?? UNWRITTEN;
		const cb = b.clocks[key] ?? UNWRITTEN;
		const takeA = inA && (!inB || aWins(a.data[key], ca, b.data[key], cb));
		data[key] = takeA ? a.data[key] : b.data[key];
		clocks[key] = takeA ? ca : cb;
	}
	return { data, clocks };
}

/**
 * The state of one change: fields in `written` (all fields when omitted) get the change's clock.
 * `parts` names the items of keyed lists (`plans.2027`) the change wrote, held or removed: those
 * get the change's clock and the other items it holds none (written whole without `parts`, each
 * item it holds has the field's clock).
 */
export function changeState(
	record: Readonly<Record<string, unknown>>,
	hlc: string,
	written?: readonly string[],
	parts?: { keyed: KeyedLists; names: readonly string[] }
): FieldState {
	const clocks: Record<string, string> = {};
	for (const key of Object.keys(record)) {
		clocks[key] = written === undefined || written.includes(key) ? hlc : UNWRITTEN;
	}
	if (parts !== undefined && written !== undefined)
		for (const [field, prop] of Object.entries(parts.keyed)) {
			if (clocks[field] !== hlc) continue;
			for (const key of itemsByKey(record[field], prop).keys())
				clocks[partName(field, key)] = UNWRITTEN;
			for (const name of parts.names) if (name.startsWith(`${field}.`)) clocks[name] = hlc;
		}
	return { data: { ...record }, clocks };
}

/**
 * A change that names its parts writes those items only: an item it holds without naming it and
 * the stored state lacks (a year the server never had, or removed) is left out of it before the
 * merge, so it is neither adopted nor stored with an empty clock of its own. Items the stored state
 * holds merge as they do (their clock beats the change's unwritten one). Pure; `incoming` itself
 * when nothing is left out.
 */
export function withoutUnnamed(
	incoming: FieldState,
	current: FieldState,
	keyed: KeyedLists | undefined
): FieldState {
	if (keyed === undefined) return incoming;
	let data = incoming.data;
	let clocks = incoming.clocks;
	for (const [field, prop] of Object.entries(keyed)) {
		const list = incoming.data[field];
		if (!Array.isArray(list)) continue;
		const stored = itemsByKey(current.data[field], prop);
		const dropped: string[] = [];
		const kept = list.filter((item) => {
			const key = itemKey(item, prop);
			if (key === null || stored.has(key)) return true;
			const name = partName(field, key);
			if (incoming.clocks[name] !== UNWRITTEN) return true;
			dropped.push(name);
			return false;
		});
		if (dropped.length === 0) continue;
		data = { ...data, [field]: kept };
		const left: Record<string, string> = { ...clocks };
		for (const name of dropped) delete left[name];
		clocks = left;
	}
	return data === incoming.data ? incoming : { data, clocks };
}

export function sameState(a: FieldState, b: FieldState): boolean {
	return sameJson(a.data, b.data) && sameJson(a.clocks, b.clocks);
}

/** The greatest clock of a state: the record's version stamp. */
export function maxClock(state: FieldState): string {
	let max = UNWRITTEN;
	// Most fields share a clock: one equal to the greatest so far is not compared again.
	for (const c of Object.values(state.clocks)) if (c !== max && compareHlcText(c, max) > 0) max = c;
	return max;
}

export interface Resolution {
	readonly merged: FieldState;
	/** The stored state changed (false for a change that lost every field or repeated a value). */
	readonly changed: boolean;
	/** Fields the incoming change wrote but lost: the incoming version goes to history. */
	readonly incomingLost: readonly string[];
	/** Fields of the stored version that were overwritten: the stored version goes to history. */
	readonly currentOverwritten: readonly string[];
}

/**
 * The parts (`plans.2027`) of the keyed lists among `fields` whose items differ between two
 * versions of a record: added, changed or removed. A device names them with its change.
 */
export function changedParts(
	keyed: KeyedLists,
	prev: Readonly<Record<string, unknown>>,
	next: Readonly<Record<string, unknown>>,
	fields: readonly string[]
): string[] {
	const parts: string[] = [];
	for (const [field, prop] of Object.entries(keyed)) {
		if (!fields.includes(field)) continue;
		const before = itemsByKey(prev[field], prop);
		const after = itemsByKey(next[field], prop);
		for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(byKey))
			if (before.has(key) !== after.has(key) || !sameJson(before.get(key), after.get(key)))
				parts.push(partName(field, key));
	}
	return parts;
}

/**
 * The parts a device sends with a change of several local edits (each edit's `written` names,
 * fields and parts mixed): only when every edit that wrote a keyed list named its parts; else
 * none, and the lists go whole (an edit of an app version before parts, or one of order only).
 */
export function partsOf(
	keyed: KeyedLists,
	edits: readonly (readonly string[] | undefined)[]
): string[] | undefined {
	const parts = new Set<string>();
	for (const field of Object.keys(keyed)) {
		const prefix = `${field}.`;
		for (const written of edits) {
			if (written === undefined) return undefined;
			if (!written.includes(field)) continue;
			const own = written.filter((n) => n.startsWith(prefix));
			if (own.length === 0) return undefined;
			for (const n of own) parts.add(n);
		}
	}
	return parts.size === 0 ? undefined : [...parts];
}

/** Whether the items a change wrote of a keyed list all stand in the merged state. */
function keyedKept(incoming: FieldState, merged: FieldState, field: string, prop: string): boolean {
	const mine = itemsByKey(incoming.data[field], prop);
	const theirs = itemsByKey(merged.data[field], prop);
	for (const key of new Set([...mine.keys(), ...partKeys(incoming, field)])) {
		const x = itemOf(incoming, mine, field, key);
		if (x.clock === UNWRITTEN) continue;
		const y = itemOf(merged, theirs, field, key);
		if (y.clock !== x.clock || y.held !== x.held || (x.held && !sameJson(x.value, y.value)))
			return false;
	}
	return true;
}

/** Resolve an incoming change against the stored state (null when the record is new). */
export function resolve(
	current: FieldState | null,
	incoming: FieldState,
	keyed?: KeyedLists
): Resolution {
	if (current === null) {
		return {
			merged: mergeStates(incoming, incoming, keyed),
			changed: true,
			incomingLost: [],
			currentOverwritten: []
		};
	}
	const merged = mergeStates(current, incoming, keyed);
	const incomingLost: string[] = [];
	for (const key of Object.keys(incoming.data)) {
		const written = (incoming.clocks[key] ?? UNWRITTEN) !== UNWRITTEN;
		const prop = keyed?.[key];
		const kept =
			prop !== undefined
				? keyedKept(incoming, merged, key, prop)
				: merged.clocks[key] === incoming.clocks[key] &&
					sameJson(merged.data[key], incoming.data[key]);
		if (written && !kept) incomingLost.push(key);
	}
	return { merged, incomingLost, ...overwriting(current, merged) };
}

/** What storing `merged` over `current` changes: whether anything, and the fields it overwrites. */
export function overwriting(
	current: FieldState,
	merged: FieldState
): Pick<Resolution, 'changed' | 'currentOverwritten'> {
	return {
		changed: !sameState(current, merged),
		currentOverwritten: Object.keys(current.data).filter(
			(k) => !sameJson(merged.data[k], current.data[k])
		)
	};
}
