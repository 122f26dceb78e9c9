/**
 * VAPID keys for Web Push: made on the first start and kept under DATA_DIR (vapid.json, mode 0600),
 * so every later start (and every device's subscription) uses the same key pair.
 */
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
	subject: string;
}

export const VAPID_FILE = 'vapid.json';

export function loadOrCreateVapid(dataDir: string, subject?: string): VapidKeys {
	const file = path.join(dataDir, VAPID_FILE);
	const sub = subject ?? process.env.VAPID_SUBJECT ?? 'mailto:admin@localhost';
	try {
		const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<VapidKeys>;
		if (typeof raw.publicKey === 'string' && typeof raw.privateKey === 'string')
			return { publicKey: raw.publicKey, privateKey: raw.privateKey, subject: sub };
	} catch {
		// Missing or unreadable: make a new pair below.
	}
	const keys = webpush.generateVAPIDKeys();
	fs.mkdirSync(dataDir, { recursive: true });
	fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
	return { ...keys, subject: sub };
}
