import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdFirstScreen, whenIdle, yieldToMain } from './after-paint';

describe('whenIdle', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('runs background work after the first paint when no screen holds it', async () => {
		const fn = vi.fn();
		whenIdle(fn);
		expect(fn).not.toHaveBeenCalled();
		await vi.runAllTimersAsync();
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('waits until a held screen has shown its reads, then runs once', async () => {
		const release = holdFirstScreen();
		const fn = vi.fn();
		whenIdle(fn, 3000);
		await vi.advanceTimersByTimeAsync(1000);
		expect(fn).not.toHaveBeenCalled();
		release();
		await vi.advanceTimersByTimeAsync(10);
		expect(fn).toHaveBeenCalledTimes(1);
		release();
		await vi.runAllTimersAsync();
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('runs anyway when the held reads take longer than the timeout', async () => {
		const release = holdFirstScreen();
		const fn = vi.fn();
		whenIdle(fn, 3000);
		await vi.advanceTimersByTimeAsync(2900);
		expect(fn).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(200);
		expect(fn).toHaveBeenCalledTimes(1);
		release();
		await vi.runAllTimersAsync();
		expect(fn).toHaveBeenCalledTimes(1);
	});

	it('waits for every hold', async () => {
		const a = holdFirstScreen();
		const b = holdFirstScreen();
		const fn = vi.fn();
		whenIdle(fn, 60_000);
		a();
		await vi.advanceTimersByTimeAsync(100);
		expect(fn).not.toHaveBeenCalled();
		b();
		await vi.advanceTimersByTimeAsync(10);
		expect(fn).toHaveBeenCalledTimes(1);
	});
});

describe('yieldToMain', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('resolves in a later task, not among the current microtasks', async () => {
		let done = false;
		void yieldToMain().then(() => (done = true));
		for (let i = 0; i < 10; i++) await Promise.resolve();
		expect(done).toBe(false);
		await vi.runAllTimersAsync();
		expect(done).toBe(true);
	});
});
