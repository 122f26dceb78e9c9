/**
 * VAPID keys for Web Push: one key pair per server, kept in the database (`vapid_keys`), so every
 * app process on one database signs with the same keys and every device's subscription (made
 * against the public key) keeps working whichever process sends. The first process to start
 * stores its pair atomically; the others read it.
 *
 * Servers before this kept the pair in DATA_DIR/vapid.json: on start an existing file is read
 * once and moved into the database (then deleted), so the subscriptions made with it stay valid.
 */
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { PushStorage, VapidKeyPair } from '../storage/types';

export interface VapidKeys extends VapidKeyPair {
	subject: string;
}

/** The file of servers before the keys moved into the database. */
export const VAPID_FILE = 'vapid.json';

function readFile(file: string): VapidKeyPair | null {
	try {
		const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<VapidKeyPair>;
		if (typeof raw.publicKey === 'string' && typeof raw.privateKey === 'string')
			return { publicKey: raw.publicKey, privateKey: raw.privateKey };
	} catch {
		// Missing or unreadable: nothing to move in.
	}
	return null;
}

export async function loadOrCreateVapid(
	storage: Pick<PushStorage, 'vapidKeys'>,
	dataDir: string | null,
	now: number,
	subject?: string
): Promise<VapidKeys> {
	const sub = subject ?? process.env.VAPID_SUBJECT ?? 'mailto:admin@localhost';
	const file = dataDir === null ? null : path.join(dataDir, VAPID_FILE);
	const old = file ? readFile(file) : null;
	const stored = await storage.vapidKeys(old ?? webpush.generateVAPIDKeys(), now);
	if (file && old) {
		if (stored.publicKey === old.publicKey && stored.privateKey === old.privateKey) {
			// In the database now: the private key is kept in one place only.
			fs.rmSync(file, { force: true });
		} else {
			// Another process stored its pair first (two DATA_DIRs, each with its own file): the
			// database's pair is the one; pushes to subscriptions made with this file's key fail.
			console.warn(
				`[push] ${file} differs from the VAPID keys in the database; the database's are used`
			);
		}
	}
	return { ...stored, subject: sub };
}
