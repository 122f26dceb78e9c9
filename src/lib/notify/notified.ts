/**
 * Which thresholds this device has already notified, per meeting (localStorage: device-local on
 * purpose, so a second device still warns its own user). Survives reloads and a killed app, so a
 * threshold passed while the app was closed is notified once on reopening, and never twice.
 */
const PREFIX = 'so-hop-534.notified.';

export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

const store = (): KeyValueStore | null =>
	typeof localStorage === 'undefined' ? null : localStorage;

export function loadNotified(meetingId: string, s: KeyValueStore | null = store()): Set<string> {
	try {
		const raw = s?.getItem(PREFIX + meetingId);
		const list: unknown = raw ? JSON.parse(raw) : [];
		return new Set(Array.isArray(list) ? list.filter((k) => typeof k === 'string') : []);
	} catch {
		return new Set();
	}
}

export function markNotified(
	meetingId: string,
	keys: readonly string[],
	s: KeyValueStore | null = store()
): void {
	const set = loadNotified(meetingId, s);
	for (const k of keys) set.add(k);
	s?.setItem(PREFIX + meetingId, JSON.stringify([...set]));
}

export function forgetNotified(meetingId: string, s: KeyValueStore | null = store()): void {
	s?.removeItem(PREFIX + meetingId);
}
