import { describe, expect, it } from 'vitest';
import { saveFailureMessage, saveFailureOf } from './save-failure';
import { en, vi } from '$lib/i18n/messages';

/** What Chrome throws over quota, and how Dexie wraps it. */
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('a failed write to the device', () => {
	it('storage full, thrown as is, is named as such', () => {
		expect(saveFailureOf(quota())).toEqual({ kind: 'quota', detail: 'QuotaExceededError' });
	});

	it('storage full inside an aborted transaction or a bulk write is found too', () => {
		const aborted = Object.assign(new Error('Transaction aborted'), {
			name: 'AbortError',
			inner: quota()
		});
		expect(saveFailureOf(aborted).kind).toBe('quota');
		const bulk = Object.assign(new Error('1 of 2 failed'), {
			name: 'BulkError',
			failures: [quota()]
		});
		expect(saveFailureOf(bulk).kind).toBe('quota');
		expect(saveFailureOf(new Error('x', { cause: quota() })).kind).toBe('quota');
	});

	it('any other error is said honestly, with its name', () => {
		const closed = Object.assign(new Error('Database has been closed'), {
			name: 'DatabaseClosedError'
		});
		expect(saveFailureOf(closed)).toEqual({ kind: 'other', detail: 'DatabaseClosedError' });
		expect(saveFailureOf(new Error('disk I/O'))).toEqual({ kind: 'other', detail: 'disk I/O' });
		expect(saveFailureOf('boom')).toEqual({ kind: 'other', detail: 'boom' });
	});

	it('the message says the record was not saved, in both languages', () => {
		const q = saveFailureMessage(saveFailureOf(quota()));
		expect(q.key).toBe('save.failed.quota');
		expect(vi[q.key]).toMatch(/^Chưa lưu được: máy đã hết dung lượng/);
		expect(en[q.key]).toMatch(/^Not saved/);
		const o = saveFailureMessage(saveFailureOf(new Error('disk I/O')));
		expect(o).toEqual({ key: 'save.failed.other', values: { detail: 'disk I/O' } });
		expect(vi[o.key]).toContain('{detail}');
		expect(vi['save.failed.settings']).toContain('Cài đặt');
	});

	it('a failed delete says the record was NOT deleted and is still on the device', () => {
		const q = saveFailureMessage(saveFailureOf(quota()), 'delete');
		expect(q.key).toBe('delete.failed.quota');
		expect(vi[q.key]).toMatch(/^Chưa xóa được: máy đã hết dung lượng/);
		expect(vi[q.key]).toContain('vẫn còn trên máy');
		expect(en[q.key]).toMatch(/^Not deleted/);
		const o = saveFailureMessage(saveFailureOf(new Error('disk I/O')), 'delete');
		expect(o).toEqual({ key: 'delete.failed.other', values: { detail: 'disk I/O' } });
		expect(vi[o.key]).toContain('{detail}');
		// Never the save's words ("what you typed is still on screen") for a delete.
		expect(vi[o.key]).not.toContain('Nội dung bạn nhập');
	});

	it('a failed live-meeting action says nothing was recorded', () => {
		const q = saveFailureMessage(saveFailureOf(quota()), 'run');
		expect(q.key).toBe('run.failed.quota');
		expect(vi[q.key]).toMatch(/^Chưa ghi được: máy đã hết dung lượng/);
		expect(en[q.key]).toMatch(/^Not recorded/);
		expect(saveFailureMessage(saveFailureOf(new Error('x')), 'run').key).toBe('run.failed.other');
	});
});
