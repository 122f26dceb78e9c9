import { describe, expect, it } from 'vitest';
import { SyncError } from '$lib/sync/client';
import {
	backoffDelay,
	nextDue,
	retryDelay,
	signInErrorOf,
	signInFieldErrors,
	wantsSyncAfterWrite
} from './sync-scheduler';

describe('sign-in errors name what went wrong', () => {
	it('a 400 from the login API is about the input, not a server fault', () => {
		expect(signInErrorOf(new SyncError('http', 400, 'bad_request', 'invalid body'))).toBe(
			'invalid'
		);
		expect(signInErrorOf(new SyncError('http', 401, 'unauthenticated', ''))).toBe(
			'unauthenticated'
		);
		expect(signInErrorOf(new SyncError('http', 429, 'rate_limited', '', 60))).toBe('rate_limited');
		expect(signInErrorOf(new SyncError('offline', 0, 'offline', ''))).toBe('offline');
		expect(signInErrorOf(new SyncError('http', 500, 'internal', ''))).toBe('server');
		expect(signInErrorOf(new Error('boom'))).toBe('server');
	});

	it('the form checks each empty field before sending anything', () => {
		expect(signInFieldErrors('admin', '')).toEqual({ password: 'login.need.password' });
		expect(signInFieldErrors('  ', 'x')).toEqual({ username: 'login.need.username' });
		expect(signInFieldErrors('', '')).toEqual({
			username: 'login.need.username',
			password: 'login.need.password'
		});
		// A password of spaces is a password: only the server may judge it.
		expect(signInFieldErrors('admin', '  ')).toEqual({});
	});
});

describe('after 429 or 503 with Retry-After', () => {
	it('the scheduler waits at least Retry-After, longer when its backoff is longer', () => {
		const mid = () => 0.5;
		expect(retryDelay(1, 120, mid)).toBe(120_000);
		expect(retryDelay(1, null, mid)).toBe(backoffDelay(1, mid));
		expect(retryDelay(8, 1, mid)).toBe(backoffDelay(8, mid));
	});
});

describe('a record saved while a sync runs is sent soon, not a period later', () => {
	it('the end of a sync keeps an after-write timer that is due sooner than its regular one', () => {
		// Saved at t=0 during a sync: sync again at 1,500 ms. The sync ends at t=200 and asks for
		// the regular timer (t=60,200): the sooner one stays.
		expect(nextDue(1_500, 60_200, false)).toBe(1_500);
		// Nothing sooner pending: the regular timer.
		expect(nextDue(null, 60_200, false)).toBe(60_200);
		expect(nextDue(90_000, 60_200, false)).toBe(60_200);
		// A trigger that replaces (a write, a retry time) sets its own instant.
		expect(nextDue(60_200, 1_500, true)).toBe(1_500);
		expect(nextDue(1_500, 5_000, true)).toBe(5_000);
	});

	it('the first count read after the start asks for a sync when anything is unsent', () => {
		expect(wantsSyncAfterWrite(-1, 1)).toBe(true);
		expect(wantsSyncAfterWrite(-1, 0)).toBe(false);
		expect(wantsSyncAfterWrite(0, 1)).toBe(true);
		expect(wantsSyncAfterWrite(2, 2)).toBe(false);
		expect(wantsSyncAfterWrite(3, 1)).toBe(false);
	});
});
