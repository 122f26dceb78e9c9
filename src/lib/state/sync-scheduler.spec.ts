import { describe, expect, it } from 'vitest';
import { backoffDelay, retryDelay } from './sync-scheduler';

describe('after 429 or 503 with Retry-After', () => {
	it('the scheduler waits at least Retry-After, longer when its backoff is longer', () => {
		const mid = () => 0.5;
		expect(retryDelay(1, 120, mid)).toBe(120_000);
		expect(retryDelay(1, null, mid)).toBe(backoffDelay(1, mid));
		expect(retryDelay(8, 1, mid)).toBe(backoffDelay(8, mid));
	});
});
