/** Test helpers: a self-signed certificate for push.example.test and a fake DNS look-up. */
import fs from 'node:fs';
import type { DeliverOptions } from './deliver';
import type { ResolveAll } from './endpoint';

const fixture = (name: string) => fs.readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** Certificate and key for push.example.test and other.example.test (test fixture only). */
export const TEST_CERT = fixture('test-push-service.crt');
export const TEST_KEY = fixture('test-push-service.key');

const family = (address: string) => (address.includes(':') ? 6 : 4);

/** node:dns `lookup` stand-in that answers every name with the given addresses. */
export function lookupTo(...addresses: string[]): NonNullable<DeliverOptions['lookup']> {
	return (_host, _opts, cb) =>
		cb(
			null,
			addresses.map((address) => ({ address, family: family(address) }))
		);
}

/** The promise form used at subscribe time. */
export const resolveTo =
	(...addresses: string[]): ResolveAll =>
	async () =>
		addresses.map((address) => ({ address, family: family(address) }));
