/**
 * This device's sync identity, kept in IndexedDB (table syncState): a device id (also the HLC node)
 * and the hybrid logical clock state. Stamping runs inside the caller's transaction, so two tabs
 * writing at once never hand out the same clock.
 */
import type { AppDatabase } from './database';
import { formatHlc, parseHlc, receive, tick, type Hlc } from '$lib/domain/sync/hlc';

const DEVICE_KEY = 'deviceId';
const HLC_KEY = 'hlc';

interface HlcState {
	wall: number;
	counter: number;
}

function randomDeviceId(): string {
	const bytes = new Uint8Array(9);
	crypto.getRandomValues(bytes);
	return 'd' + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The device id (made once, on first use). Call inside a transaction that includes syncState. */
export async function getDeviceId(db: AppDatabase): Promise<string> {
	const row = await db.syncState.get(DEVICE_KEY);
	if (typeof row?.value === 'string') return row.value;
	const id = randomDeviceId();
	await db.syncState.put({ key: DEVICE_KEY, value: id });
	return id;
}

async function loadHlc(db: AppDatabase): Promise<Hlc> {
	const node = await getDeviceId(db);
	const row = await db.syncState.get(HLC_KEY);
	const v = row?.value as Partial<HlcState> | undefined;
	return {
		wall: typeof v?.wall === 'number' ? v.wall : 0,
		counter: typeof v?.counter === 'number' ? v.counter : 0,
		node
	};
}

async function saveHlc(db: AppDatabase, h: Hlc): Promise<void> {
	await db.syncState.put({ key: HLC_KEY, value: { wall: h.wall, counter: h.counter } });
}

/**
 * `count` fresh, strictly increasing clocks for local changes. Must run inside a Dexie transaction
 * that includes db.syncState (writeRecords does), or on its own.
 */
export async function stampLocal(db: AppDatabase, count: number, now: number): Promise<string[]> {
	let h = await loadHlc(db);
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		h = tick(h, now);
		out.push(formatHlc(h));
	}
	if (count > 0) await saveHlc(db, h);
	return out;
}

/**
 * Move the local clock past a clock seen from the server, so a later local edit of a pulled record
 * is ordered after it. Returns false (clock unchanged) when the remote clock is more than 5 minutes
 * ahead of this device's clock: the device clock is wrong and the status says so.
 */
export async function observeRemote(
	db: AppDatabase,
	remote: string,
	now: number
): Promise<boolean> {
	const r = parseHlc(remote);
	if (!r) return true;
	const local = await loadHlc(db);
	if (r.wall <= local.wall) return true;
	try {
		await saveHlc(db, receive(local, r, now));
		return true;
	} catch {
		return false;
	}
}

/** Reset the clock to `now` when it ran ahead (a device clock that was wrong and is fixed now). */
export async function resetHlcIfAhead(
	db: AppDatabase,
	now: number,
	maxAheadMs: number
): Promise<void> {
	const local = await loadHlc(db);
	if (local.wall - now > maxAheadMs) await saveHlc(db, { wall: now, counter: 0, node: local.node });
}

export async function readState<T>(db: AppDatabase, key: string): Promise<T | undefined> {
	return (await db.syncState.get(key))?.value as T | undefined;
}

export async function writeState(db: AppDatabase, key: string, value: unknown): Promise<void> {
	await db.syncState.put({ key, value });
}
