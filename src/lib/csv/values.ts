/**
 * Cell values of the import formats: booleans, local dates, local date-times (UTC+7), months and
 * counts. Each returns a result with a reason (./messages.ts) instead of throwing. Pure: no clock.
 */
import { VN_OFFSET_MS } from '../domain/time';
import type { MessageKey } from '../i18n/messages';
import { say } from './messages';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(key: MessageKey): Parsed<T> => ({ ok: false, error: say(key) });
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
// NFC only when needed: most cells are ASCII, and normalize() is the costly part on large files.
const clean = (s: string): string => (/^[\x20-\x7e]*$/.test(s) ? s : s.normalize('NFC')).trim();

const TRUE = new Set(['1', 'true', 'có', 'co', 'x']);
const FALSE = new Set(['0', 'false', 'không', 'khong', '']);

/** `1`/`0`, `true`/`false`, `có`/`không`, `x`/empty (empty = no); case-insensitive, trimmed. */
export function parseBool(raw: string): Parsed<boolean> {
	const s = clean(raw).toLowerCase();
	if (TRUE.has(s)) return ok(true);
	if (FALSE.has(s)) return ok(false);
	return fail('csv.bool');
}

function isRealDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const dt = new Date(Date.UTC(y, m - 1, d));
	return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

function splitDate(s: string): [number, number, number] | null {
	const iso = ISO_DATE.exec(s);
	if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	const vn = VN_DATE.exec(s);
	if (vn) return [Number(vn[3]), Number(vn[2]), Number(vn[1])];
	return null;
}

/** `YYYY-MM-DD` or `DD/MM/YYYY`, a real calendar date; gives 'YYYY-MM-DD'. */
export function parseLocalDate(raw: string): Parsed<string> {
	const s = clean(raw);
	if (s === '') return fail('csv.dateEmpty');
	const parts = splitDate(s);
	if (!parts) return fail('csv.dateForm');
	const [y, m, d] = parts;
	if (!isRealDate(y, m, d)) return fail('csv.dateUnreal');
	return ok(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
}

const LOCAL_DATE_TIME = /^(\S+)[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const OFFSET_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)? ?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

function offsetMs(tz: string): number {
	if (tz.toUpperCase() === 'Z') return 0;
	const sign = tz.startsWith('-') ? -1 : 1;
	const digits = tz.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	return sign * (hours * 60 + minutes) * 60_000;
}

function timeOk(hh: number, mm: number, ss: number): boolean {
	return hh <= 23 && mm <= 59 && ss <= 59;
}

/**
 * A local date-time in Asia/Ho_Chi_Minh (`YYYY-MM-DD HH:mm`, `YYYY-MM-DDTHH:mm`,
 * `DD/MM/YYYY HH:mm`, seconds optional) or an ISO string with an explicit offset or Z; gives epoch ms.
 */
export function parseLocalDateTime(raw: string): Parsed<number> {
	const s = clean(raw).replace(/\s{2,}|[\t\r\n]/g, ' ');
	if (s === '') return fail('csv.instantEmpty');

	const iso = OFFSET_DATE_TIME.exec(s);
	if (iso) {
		const [y, m, d, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [
			number,
			number,
			number,
			number,
			number,
			number
		];
		const ms = Number((iso[7] ?? '').padEnd(3, '0'));
		if (!isRealDate(y, m, d)) return fail('csv.dateUnreal');
		if (!timeOk(hh, mm, ss)) return fail('csv.timeBad');
		return ok(Date.UTC(y, m - 1, d, hh, mm, ss, ms) - offsetMs(iso[8] ?? 'Z'));
	}

	const local = LOCAL_DATE_TIME.exec(s);
	const parts = local ? splitDate(local[1] ?? '') : null;
	if (!local || !parts) return fail('csv.instantForm');
	const [y, m, d] = parts;
	const [hh, mm, ss] = [Number(local[2]), Number(local[3]), Number(local[4] ?? 0)];
	if (!isRealDate(y, m, d)) return fail('csv.dateUnreal');
	if (!timeOk(hh, mm, ss)) return fail('csv.timeBad');
	return ok(Date.UTC(y, m - 1, d, hh, mm, ss) - VN_OFFSET_MS);
}

const MONTH_ISO = /^(\d{4})-(\d{1,2})$/;
const MONTH_VN = /^(\d{1,2})\/(\d{4})$/;

/** `YYYY-MM` (also `MM/YYYY`); gives 'YYYY-MM'. */
export function parseMonth(raw: string): Parsed<string> {
	const s = clean(raw);
	const iso = MONTH_ISO.exec(s);
	const vn = MONTH_VN.exec(s);
	const y = iso ? Number(iso[1]) : vn ? Number(vn[2]) : NaN;
	const m = iso ? Number(iso[2]) : vn ? Number(vn[1]) : NaN;
	if (Number.isNaN(y)) return fail('csv.monthForm');
	if (m < 1 || m > 12) return fail('csv.monthRange');
	return ok(`${pad(y, 4)}-${pad(m)}`);
}

/** A whole number >= 0; empty gives null when allowed. */
export function parseCount(raw: string, allowEmpty: true): Parsed<number | null>;
export function parseCount(raw: string, allowEmpty?: false): Parsed<number>;
export function parseCount(raw: string, allowEmpty = false): Parsed<number | null> {
	const s = clean(raw);
	if (s === '') return allowEmpty ? ok(null) : fail('csv.countEmpty');
	if (!/^\d+$/.test(s)) return fail('csv.count');
	const n = Number(s);
	if (!Number.isSafeInteger(n)) return fail('csv.tooLarge');
	return ok(n);
}
