import { describe, expect, it } from 'vitest';
import { en, vi } from '$lib/i18n/messages';
import { rejectedHelpKeys } from './rejected-help';

describe('the refused-changes help follows the kinds of refusal present', () => {
	it('a conflict alone asks to re-check the figures, never about rights', () => {
		const keys = rejectedHelpKeys(['conflict']);
		expect(keys).toEqual(['sync.rejectedHelp.conflict']);
		const text = keys.map((k) => vi[k]).join(' ');
		expect(text).toContain('xem lại số liệu');
		expect(text).not.toMatch(/quyền|quản trị/);
	});

	it('rights and units ask the commune admin', () => {
		expect(rejectedHelpKeys(['forbidden', 'locked', 'unknown_unit'])).toEqual([
			'sync.rejectedHelp.access'
		]);
		expect(vi['sync.rejectedHelp.access']).toContain('quản trị xã');
	});

	it('a fixable refusal asks to fix and resend; an unknown code counts as fixable', () => {
		expect(rejectedHelpKeys(['invalid', 'too_large', 'clock_skew', 'new_code'])).toEqual([
			'sync.rejectedHelp.fix'
		]);
	});

	it('mixed refusals get one paragraph per kind, each once, in a fixed order', () => {
		expect(rejectedHelpKeys(['forbidden', 'conflict', 'invalid', 'missing', 'conflict'])).toEqual([
			'sync.rejectedHelp.fix',
			'sync.rejectedHelp.conflict',
			'sync.rejectedHelp.access',
			'sync.rejectedHelp.gone'
		]);
		for (const k of rejectedHelpKeys(['forbidden', 'conflict', 'invalid', 'missing']))
			expect(en[k]).toBeTruthy();
	});
});
