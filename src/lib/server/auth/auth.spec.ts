import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestServer, addUser, sessionFor, type TestServer } from '../test-server';
import { changeOwnPassword } from './users';
import { bootstrap } from './bootstrap';
import { login, LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from './login';
import { hashPassword, verifyPassword } from './password';
import { hashToken, resolveSession, SESSION_TTL_MS, tokenOf } from './session';
import { DEFAULT_COMMUNE } from '../storage/types';

const CHEAP = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const hash = await hashPassword('đúng mật khẩu', CHEAP);
		expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
		expect(await verifyPassword('đúng mật khẩu', hash)).toBe(true);
		expect(await verifyPassword('sai mật khẩu', hash)).toBe(false);
	});

	it('salts every hash', async () => {
		expect(await hashPassword('same', CHEAP)).not.toBe(await hashPassword('same', CHEAP));
	});

	it('refuses malformed or tampered hashes without throwing', async () => {
		const hash = await hashPassword('pw', CHEAP);
		expect(await verifyPassword('pw', 'plain')).toBe(false);
		expect(await verifyPassword('pw', hash.replace('$1024$', '$0$'))).toBe(false);
		expect(await verifyPassword('pw', hash.slice(0, -4))).toBe(false);
	});
});

describe('sessions and login', () => {
	let s: TestServer;
	beforeEach(async () => {
		s = openTestServer();
		await bootstrap(s.ctx, 'admin-password');
	});
	afterEach(() => s.close());

	it('stores only the hash of the token', async () => {
		const admin = await s.storage.findUserByUsername('admin');
		const { token } = await sessionFor(s.ctx, admin!.id);
		expect(token).toHaveLength(43);
		expect(await s.storage.findSession(token)).toBeNull();
		expect(await s.storage.findSession(hashToken(token))).not.toBeNull();
	});

	it('a session expires after its time to live', async () => {
		const admin = await s.storage.findUserByUsername('admin');
		const { token, expiresAt } = await sessionFor(s.ctx, admin!.id);
		expect(expiresAt).toBe(s.clock.now + SESSION_TTL_MS);
		s.clock.now = expiresAt - 1;
		expect((await resolveSession(s.ctx, token))?.username).toBe('admin');
		s.clock.now = expiresAt;
		expect(await resolveSession(s.ctx, token)).toBeNull();
		expect(await s.storage.findSession(hashToken(token))).toBeNull();
	});

	it('logs in with the right password, case-insensitive username', async () => {
		const outcome = await login(
			s.ctx,
			{ username: ' Admin ', password: 'admin-password' },
			'10.0.0.1'
		);
		expect(outcome.ok).toBe(true);
		if (outcome.ok) expect((await resolveSession(s.ctx, outcome.token))?.role).toBe('admin');
	});

	it('refuses a wrong password and an unknown user with the same code', async () => {
		expect(await login(s.ctx, { username: 'admin', password: 'nope' }, 'ip')).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		expect(await login(s.ctx, { username: 'ghost', password: 'nope' }, 'ip')).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
	});

	it(`rate-limits after ${LOGIN_MAX_FAILURES} failures per username and address, for the window`, async () => {
		for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
			expect((await login(s.ctx, { username: 'admin', password: 'x' }, 'ip1')).ok).toBe(false);
			s.clock.now += 1000;
		}
		const limited = await login(s.ctx, { username: 'admin', password: 'admin-password' }, 'ip1');
		expect(limited).toMatchObject({ ok: false, code: 'rate_limited' });
		// Another address is not blocked.
		expect((await login(s.ctx, { username: 'admin', password: 'admin-password' }, 'ip2')).ok).toBe(
			true
		);
		// After the window the right password works again.
		s.clock.now += LOGIN_WINDOW_MS;
		expect((await login(s.ctx, { username: 'admin', password: 'admin-password' }, 'ip1')).ok).toBe(
			true
		);
	});

	it('a success clears earlier failures', async () => {
		for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
			await login(s.ctx, { username: 'admin', password: 'x' }, 'ip');
		expect((await login(s.ctx, { username: 'admin', password: 'admin-password' }, 'ip')).ok).toBe(
			true
		);
		for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i++)
			await login(s.ctx, { username: 'admin', password: 'x' }, 'ip');
		expect((await login(s.ctx, { username: 'admin', password: 'admin-password' }, 'ip')).ok).toBe(
			true
		);
	});

	/**
	 * `meanwhile` commits right after the next password verification (the slow scrypt of a sign-in
	 * or of an own change, during which another request can change the account).
	 */
	const afterVerify = (meanwhile: () => Promise<unknown>) => {
		const run = s.ctx.hashes.run.bind(s.ctx.hashes);
		let done = false;
		s.ctx.hashes.run = async <T>(fn: () => Promise<T>): Promise<T> => {
			const out = await run(fn);
			if (!done) {
				done = true;
				await meanwhile();
			}
			return out;
		};
	};
	/** An admin's reset of `id`, as resetPassword writes it. */
	const resetTo = (id: string, passwordHash: string) =>
		s.storage.changeUser(id, 'admin', () => ({
			ok: true,
			patch: { passwordHash, mustChangePassword: true },
			endAccess: {},
			audit: []
		}));
	const sessionsOf = async (id: string) =>
		(await s.storage.listActiveSessions(s.clock.now, DEFAULT_COMMUNE)).filter(
			(x) => x.userId === id
		);

	it('a sign-in whose password was reset while it was verified gets no session and no login device', async () => {
		const staff = await addUser(s.ctx, 'lan', 'staff', 'THON01');
		const resetHash = await hashPassword('reset by the admin', CHEAP);
		afterVerify(() => resetTo(staff.id, resetHash));
		expect(await login(s.ctx, { username: 'lan', password: 'lan-password' }, 'ip')).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		expect(await sessionsOf(staff.id)).toEqual([]);
		expect(await s.storage.deleteExpiredLoginDevices(Number.MAX_SAFE_INTEGER)).toBe(0);
		// The reset holds: its password signs in.
		expect((await login(s.ctx, { username: 'lan', password: 'reset by the admin' }, 'ip')).ok).toBe(
			true
		);
	});

	it('a sign-in whose account was disabled while it was verified gets no session', async () => {
		const staff = await addUser(s.ctx, 'lan', 'staff', 'THON01');
		afterVerify(() => s.storage.updateUser(staff.id, { disabled: true }));
		expect(await login(s.ctx, { username: 'lan', password: 'lan-password' }, 'ip')).toEqual({
			ok: false,
			code: 'invalid_credentials'
		});
		expect(await sessionsOf(staff.id)).toEqual([]);
	});

	it('an own change checked against a password reset meanwhile is refused, and the reset holds', async () => {
		const staff = await addUser(s.ctx, 'lan', 'staff', 'THON01');
		const resetHash = await hashPassword('reset by the admin', CHEAP);
		afterVerify(() => resetTo(staff.id, resetHash));
		expect(
			await changeOwnPassword(
				s.ctx,
				staff.id,
				{ currentPassword: 'lan-password', newPassword: 'the thief’s own one' },
				undefined
			)
		).toMatchObject({ ok: false, code: 'conflict', fields: { currentPassword: 'wrong_password' } });
		expect(await s.storage.findUserById(staff.id)).toMatchObject({
			passwordHash: resetHash,
			mustChangePassword: true
		});
	});

	it('reads the token from the Bearer header first, then the cookie', () => {
		expect(tokenOf(new Headers({ authorization: 'Bearer abc' }), 'cookie')).toBe('abc');
		expect(tokenOf(new Headers(), 'cookie')).toBe('cookie');
		expect(tokenOf(new Headers({ authorization: 'Basic abc' }), 'cookie')).toBeNull();
		expect(tokenOf(new Headers(), undefined)).toBeNull();
	});
});

describe('bootstrap', () => {
	let s: TestServer;
	beforeEach(() => {
		s = openTestServer();
	});
	afterEach(() => s.close());

	it('creates the commune and a random admin password once', async () => {
		const first = await bootstrap(s.ctx, undefined);
		expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
		expect((await s.storage.listUnits(DEFAULT_COMMUNE)).map((u) => u.code)).toContain('THON06');
		expect(await s.storage.findRecord(DEFAULT_COMMUNE, 'settings', 'settings')).not.toBeNull();
		const second = await bootstrap(s.ctx, undefined);
		expect(second.generatedPassword).toBeNull();
		expect(await s.storage.countUsers()).toBe(1);
		const ok = await login(s.ctx, { username: 'admin', password: first.generatedPassword! }, 'ip');
		expect(ok.ok).toBe(true);
	});

	it('uses ADMIN_PASSWORD when given', async () => {
		expect((await bootstrap(s.ctx, 'from-env-123')).generatedPassword).toBeNull();
		expect((await login(s.ctx, { username: 'admin', password: 'from-env-123' }, 'ip')).ok).toBe(
			true
		);
	});

	it('refuses a unit user without a unit', async () => {
		await bootstrap(s.ctx, 'pw-pw-pw-pw');
		await expect(addUser(s.ctx, 'lan', 'staff', null)).rejects.toThrow('unit_required');
		await expect(addUser(s.ctx, 'lan', 'staff', 'NOPE')).rejects.toThrow('unknown_unit');
		await expect(addUser(s.ctx, 'mon', 'monitor', 'VP')).rejects.toThrow('unit_not_allowed');
	});
});
