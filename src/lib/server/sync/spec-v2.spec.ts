/** Spec version 2 over sync: meetings from older clients without a role, secret documents. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mutation } from '$lib/domain/sync/protocol';
import { addUser, openSeededServer, type TestServer, type TestUser } from '../test-server';
import { documentRecord, meeting, mutation } from '$factories/sync';
import { push } from './push';
import { DEFAULT_COMMUNE } from '../storage/types';

let s: TestServer;
let staffVP: TestUser;

beforeEach(async () => {
	s = await openSeededServer();
	staffVP = await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
});
afterEach(() => s.close());

const send = (mutations: Mutation[]) =>
	push(s.ctx, staffVP, { version: 1, deviceId: 'dev-a', mutations });

describe('push of version-2 records', () => {
	it('accepts a meeting from a client that knows no roles, stored as organised (chu_tri)', async () => {
		const { role: _role, ...old } = meeting({ id: 'old-client' });
		const res = await send([mutation('meeting', old)]);
		expect(res.results[0]?.status).toBe('applied');
		const stored = await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'old-client');
		expect(stored?.state.data.role).toBe('chu_tri');
	});

	it('keeps an attended meeting attended', async () => {
		const res = await send([mutation('meeting', meeting({ id: 'attended', role: 'tham_du' }))]);
		expect(res.results[0]?.status).toBe('applied');
		expect(
			(await s.storage.findRecord(DEFAULT_COMMUNE, 'meeting', 'attended'))?.state.data.role
		).toBe('tham_du');
	});

	it('rejects a document that is both secret and electronic, and applies the others', async () => {
		const res = await send([
			mutation('document', documentRecord({ id: 'both', secret: true, electronic: true })),
			mutation('document', documentRecord({ id: 'paper', secret: true, electronic: false }))
		]);
		expect(res.results.map((r) => r.code ?? r.status)).toEqual(['invalid', 'applied']);
		expect(res.results[0]?.reason).toContain('electronic');
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'document', 'both')).toBeNull();
	});
});
