/**
 * The create-account form rules and the client's /api/users calls against the real server handlers
 * (SQLite in a temp dir): the form's messages for the server's 400 and 409 come from real answers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicUser } from '$lib/server/auth/users';
import * as api from '$lib/server/http/handlers';
import { authenticate } from '$lib/server/http/request-auth';
import { addUser, archiveUnit, openSeededServer, type TestServer } from '$lib/server/test-server';
import { SyncClient, SyncError, type FetchLike } from '$lib/sync/client';
import { failureErrors, validateChange, validateNewUser, type UserFormFields } from './form';

const fields = (over: Partial<UserFormFields> = {}): UserFormFields => ({
	username: 'nguyen.van-a',
	displayName: ' Nguyễn Văn A ',
	password: 'mot-mat-khau-dai',
	role: 'staff',
	unitCode: 'VP',
	...over
});

describe('validateNewUser', () => {
	it('accepts a valid staff account, lowercasing the username and trimming the name', () => {
		const r = validateNewUser(fields({ username: ' Nguyen.Van-A ' }));
		expect(r).toEqual({
			ok: true,
			input: {
				username: 'nguyen.van-a',
				password: 'mot-mat-khau-dai',
				displayName: 'Nguyễn Văn A',
				role: 'staff',
				unitCode: 'VP'
			}
		});
	});

	it('sends no unit for admins and monitors even when one was picked before changing role', () => {
		const r = validateNewUser(fields({ role: 'monitor', unitCode: 'VP' }));
		expect(r.ok && r.input.unitCode).toBeNull();
	});

	it('reports every bad field at once', () => {
		const r = validateNewUser(
			fields({ username: 'ab', password: '123456789', role: 'unit_head', unitCode: '' })
		);
		expect(r).toEqual({
			ok: false,
			errors: {
				username: 'users.err.username',
				password: 'users.err.password',
				unitCode: 'users.err.unitRequired'
			}
		});
	});

	it('refuses Vietnamese letters and spaces in usernames, an empty username and an unknown role', () => {
		expect(validateNewUser(fields({ username: 'nguyễn a' }))).toMatchObject({
			ok: false,
			errors: { username: 'users.err.username' }
		});
		expect(validateNewUser(fields({ username: '  ' }))).toMatchObject({
			ok: false,
			errors: { username: 'err.required' }
		});
		expect(validateNewUser(fields({ role: 'boss' }))).toMatchObject({
			ok: false,
			errors: { role: 'users.err.role' }
		});
	});

	it('a password of exactly 10 characters is enough (the server minimum), a common one is not', () => {
		expect(validateNewUser(fields({ password: 'abcdefghij' })).ok).toBe(true);
		expect(validateNewUser(fields({ password: 'abcdefghi' }))).toMatchObject({
			ok: false,
			errors: { password: 'users.err.password' }
		});
		expect(validateNewUser(fields({ password: 'Matkhau123' }))).toMatchObject({
			ok: false,
			errors: { password: 'users.err.passwordCommon' }
		});
	});

	it('the change form checks the repeat and the same rules as the server', () => {
		expect(validateChange('cu', 'mot-mat-khau-moi', 'mot-mat-khau-moi')).toEqual({});
		expect(validateChange('', 'ngan', 'ngan')).toEqual({
			currentPassword: 'err.required',
			newPassword: 'users.err.password'
		});
		expect(validateChange('cu', 'mot-mat-khau-moi', 'khac')).toEqual({
			confirm: 'password.err.confirm'
		});
	});
});

describe('/api/users through the client', () => {
	let s: TestServer;
	const routes: Record<string, Record<string, typeof api.getUsers>> = {
		'/api/auth/login': { POST: api.postLogin },
		'/api/users': { GET: api.getUsers, POST: api.postUsers },
		'/api/auth/password': { POST: api.postPassword }
	};
	const idRoutes: Record<string, typeof api.getUsers> = {
		'PATCH ': api.patchUser,
		'POST /password': api.postUserPassword,
		'DELETE /sessions': api.deleteUserSessions,
		'DELETE /lockout': api.deleteUserLockout
	};
	const serverFetch: FetchLike = async (path, init) => {
		const req = new Request(`http://localhost${path}`, init);
		const user = await authenticate(s.ctx, req);
		const m = /^\/api\/users\/([^/]+)(\/\w+)?$/.exec(path);
		const handler = m ? idRoutes[`${req.method} ${m[2] ?? ''}`] : routes[path]?.[req.method];
		if (!handler) throw new Error(`no route ${req.method} ${path}`);
		return handler(s.ctx, {
			request: req,
			user: user ? publicUser(user) : null,
			clientAddress: '127.0.0.1',
			params: m ? { id: decodeURIComponent(m[1]!) } : {}
		});
	};
	const client = new SyncClient({ fetch: serverFetch, now: () => s.clock.now });
	const adminToken = async () => (await client.login('admin', 'admin-password')).body.token;
	const failure = (p: Promise<unknown>) =>
		p.then(
			() => {
				throw new Error('expected a failure');
			},
			(e: unknown) => {
				if (!(e instanceof SyncError)) throw e;
				return e;
			}
		);

	beforeEach(async () => {
		s = await openSeededServer();
		await addUser(s.ctx, 'staff-vp', 'staff', 'VP');
	});
	afterEach(() => s.close());

	it('an admin creates a staff account and then sees it in the list', async () => {
		const token = await adminToken();
		const checked = validateNewUser(fields());
		if (!checked.ok) throw new Error('form should be valid');
		const made = await client.createUser(token, checked.input);
		expect(made).toMatchObject({
			username: 'nguyen.van-a',
			displayName: 'Nguyễn Văn A',
			role: 'staff',
			unitCode: 'VP'
		});
		const list = await client.listUsers(token);
		expect(list.map((u) => u.username).sort()).toEqual(['admin', 'nguyen.van-a', 'staff-vp']);
		expect(list.every((u) => !('passwordHash' in u))).toBe(true);
		// The new account can sign in with the password it was given.
		expect((await client.login('nguyen.van-a', 'mot-mat-khau-dai')).body.user.id).toBe(made.id);
	});

	it('a taken username is a 409 shown beside the username', async () => {
		const token = await adminToken();
		const err = await failure(
			client.createUser(token, {
				username: 'staff-vp',
				password: 'mot-mat-khau-dai',
				displayName: '',
				role: 'staff',
				unitCode: 'VP'
			})
		);
		expect(err.status).toBe(409);
		expect(failureErrors(err)).toEqual({ username: 'users.err.usernameTaken' });
	});

	it('the server’s 400s land beside the fields they name', async () => {
		const token = await adminToken();
		const bad = await failure(
			client.createUser(token, {
				username: 'A B',
				password: 'short',
				displayName: '',
				role: 'staff',
				unitCode: 'VP'
			})
		);
		expect(bad.status).toBe(400);
		expect(failureErrors(bad)).toEqual({
			username: 'users.err.username',
			password: 'users.err.password'
		});
		const unknownUnit = await failure(
			client.createUser(token, {
				username: 'staff-x',
				password: 'mot-mat-khau-dai',
				displayName: '',
				role: 'staff',
				unitCode: 'NOPE'
			})
		);
		expect(failureErrors(unknownUnit)).toEqual({ unitCode: 'users.err.unitUnknown' });
		const monitorWithUnit = await failure(
			client.createUser(token, {
				username: 'monitor-x',
				password: 'mot-mat-khau-dai',
				displayName: '',
				role: 'monitor',
				unitCode: 'VP'
			})
		);
		expect(failureErrors(monitorWithUnit)).toEqual({ unitCode: 'users.err.unitNotAllowed' });
	});

	it('an archived unit is refused beside the unit, saying why', async () => {
		const token = await adminToken();
		const admin = await addUser(s.ctx, 'admin-x', 'admin', null);
		expect((await archiveUnit(s.ctx, admin, 'KT')).results[0]!.status).toBe('applied');
		const archived = await failure(
			client.createUser(token, {
				username: 'staff-kt',
				password: 'mot-mat-khau-dai',
				displayName: '',
				role: 'staff',
				unitCode: 'KT'
			})
		);
		expect(archived.status).toBe(400);
		expect(archived.code).toBe('invalid_request');
		expect(failureErrors(archived)).toEqual({ unitCode: 'users.err.unitArchived' });
		const staff = (await s.storage.findUserByUsername('staff-vp'))!;
		const moved = await failure(client.updateUser(token, staff.id, { unitCode: 'KT' }));
		expect(failureErrors(moved)).toEqual({ unitCode: 'users.err.unitArchived' });
	});

	it('a staff token is refused (403) for listing and creating', async () => {
		const token = (await client.login('staff-vp', 'staff-vp-password')).body.token;
		const listErr = await failure(client.listUsers(token));
		expect(listErr.status).toBe(403);
		const createErr = await failure(
			client.createUser(token, {
				username: 'sneaky',
				password: 'mot-mat-khau-dai',
				displayName: '',
				role: 'admin',
				unitCode: null
			})
		);
		expect(failureErrors(createErr)).toEqual({ _: 'users.err.forbidden' });
	});

	it('an admin who must change their password is told so, not that the account may not do it', () => {
		const err = new SyncError('http', 403, 'password_change_required', 'Password change required');
		expect(failureErrors(err)).toEqual({ _: 'users.err.passwordRequired' });
	});

	it('no answer at all is an offline error, not a field error', () => {
		expect(failureErrors(new SyncError('offline', 0, 'offline', 'Failed to fetch'))).toEqual({
			_: 'users.err.offline'
		});
	});

	it('admin actions through the client; their refusals land beside the fields', async () => {
		const token = await adminToken();
		const staff = (await client.listUsers(token)).find((u) => u.username === 'staff-vp')!;
		expect(staff).toMatchObject({ disabled: false, lockedUntil: null, sessions: [] });

		const weak = await failure(client.resetPassword(token, staff.id, 'password123'));
		expect(failureErrors(weak)).toEqual({ password: 'users.err.passwordCommon' });
		const noUnit = await failure(
			client.updateUser(token, staff.id, { role: 'staff', unitCode: null })
		);
		expect(failureErrors(noUnit)).toEqual({ unitCode: 'users.err.unitRequired' });
		const admin = (await client.listUsers(token)).find((u) => u.username === 'admin')!;
		const self = await failure(client.updateUser(token, admin.id, { disabled: true }));
		expect(failureErrors(self)).toEqual({ disabled: 'users.err.self' });

		expect(await client.resetPassword(token, staff.id, 'tam-thoi-2026')).toMatchObject({
			mustChangePassword: true
		});
		const login = await client.login('staff-vp', 'tam-thoi-2026');
		expect(login.body.user.mustChangePassword).toBe(true);
		const wrong = await failure(
			client.changePassword(login.body.token, 'sai-mat-khau', 'mot-mat-khau-moi')
		);
		expect(failureErrors(wrong)).toEqual({ currentPassword: 'users.err.currentWrong' });
		const changed = await client.changePassword(
			login.body.token,
			'tam-thoi-2026',
			'mot-mat-khau-moi'
		);
		expect(changed.mustChangePassword).toBe(false);

		expect(await client.endSessions(token, staff.id)).toBe(1);
		await client.updateUser(token, staff.id, { disabled: true });
		await client.updateUser(token, staff.id, { disabled: false });
		await client.unlockUser(token, staff.id);
		const missing = await failure(client.unlockUser(token, 'nobody'));
		expect(failureErrors(missing)).toEqual({ _: 'users.err.notFound' });
	});
});
