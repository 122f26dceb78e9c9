import { describe, expect, it } from 'vitest';
import type { PublicUser } from '$lib/domain/sync/protocol';
import { isApiRoute, isMalformedApiPath, passwordGate } from './request-auth';

describe('API requests are told by the matched route, not the raw path (attacker review, finding 7)', () => {
	it('every /api route id is an API route; pages, static files and no route are not', () => {
		for (const id of ['/api/health', '/api/auth/me', '/api/users/[id]', '/api/[...rest]', '/api'])
			expect(isApiRoute(id), id).toBe(true);
		for (const id of ['/', '/meetings', '/apiary', '/(app)/api-notes', null])
			expect(isApiRoute(id), String(id)).toBe(false);
	});

	it('a path that cannot be decoded is an API call when its first segment is api, however written', () => {
		for (const p of ['/api/users/%ZZ', '/api/%E0%A4%A', '/%61pi/users/%ZZ', '/api/x%25%ZZ'])
			expect(isMalformedApiPath(p), p).toBe(true);
		// Decodable (a route decides), or not an API path.
		for (const p of ['/api/users/%41', '/api/x%25y', '/meetings/%ZZ', '/apiary/%ZZ', '/%ZZ/api'])
			expect(isMalformedApiPath(p), p).toBe(false);
	});

	it('the password gate lets a must-change user reach only its routes, by route id', async () => {
		const user: PublicUser = {
			id: 'u1',
			username: 'lan',
			displayName: '',
			role: 'staff',
			communeId: 'default',
			unitCode: 'VP',
			mustChangePassword: true
		};
		for (const id of ['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/health'])
			expect(passwordGate(user, id), id).toBeNull();
		for (const id of ['/api/sync/pull', '/api/users/[id]', '/api/[...rest]', null]) {
			const res = passwordGate(user, id);
			expect(res?.status, String(id)).toBe(403);
			expect(((await res!.json()) as { error: { code: string } }).error.code).toBe(
				'password_change_required'
			);
		}
		expect(passwordGate({ ...user, mustChangePassword: false }, '/api/sync/pull')).toBeNull();
	});
});
