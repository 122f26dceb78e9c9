import { describe, expect, it } from 'vitest';
import {
	AUDIT_ACTIONS,
	AUDIT_GROUPS,
	auditFilterSchema,
	auditPageReadSchema,
	auditQuerySchema
} from './audit';

describe('the kinds of action the log is filtered by', () => {
	it('put every action in exactly one kind, in the legend’s order', () => {
		const grouped = Object.values(AUDIT_GROUPS).flat();
		expect([...grouped].sort()).toEqual([...AUDIT_ACTIONS].sort());
		expect(new Set(grouped).size).toBe(grouped.length);
		for (const actions of Object.values(AUDIT_GROUPS))
			expect([...actions]).toEqual(AUDIT_ACTIONS.filter((a) => actions.includes(a as never)));
		// Every account action is one kind: what a flood must not hide; the admins' sign-ins, which
		// an intruder can repeat at will, are apart (attacker review r20, 4).
		expect(AUDIT_GROUPS.accounts).toContain('user.password_reset');
		expect(AUDIT_GROUPS.accounts).toContain('user.role_changed');
		expect(AUDIT_GROUPS.accounts).not.toContain('admin.signed_in');
		expect(AUDIT_GROUPS.signins).toEqual(['admin.signed_in']);
		expect(AUDIT_GROUPS.settings).toContain('settings.changed');
	});

	it('read from an address: a known kind and an account id, anything else refused', () => {
		expect(auditQuerySchema.parse({ group: 'accounts', actor: 'u-1' })).toEqual({
			group: 'accounts',
			actor: 'u-1',
			limit: 50
		});
		expect(auditFilterSchema.parse({})).toEqual({});
		for (const bad of [
			{ group: 'bogus' },
			{ group: '' },
			{ group: 'toString' },
			{ actor: '' },
			{ actor: 'a\u0000b' },
			{ actor: 'x'.repeat(65) }
		])
			expect(auditFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
	});
});

describe('a log page as the app reads it', () => {
	const entry = (id: string, action: string) => ({
		id,
		at: 1_780_000_000_000,
		communeId: 'default',
		actorId: 'u-admin',
		actorUsername: 'admin',
		action,
		targetId: null,
		targetName: null,
		detail: {}
	});

	it('keeps the entries it can read and counts, not fails on, an action of a newer server', () => {
		const page = auditPageReadSchema.parse({
			entries: [
				entry('3', 'admin.signed_in'),
				entry('2', 'meeting.purged'),
				{ id: 'x' },
				entry('1', 'user.unlocked')
			],
			next: '1'
		});
		expect(page.entries.map((e) => e.id)).toEqual(['3', '1']);
		expect(page.unreadable).toBe(2);
		expect(page.next).toBe('1');
	});

	it('still refuses an answer that is not a page', () => {
		for (const bad of [null, {}, { entries: {}, next: null }, { entries: [], next: 5 }])
			expect(auditPageReadSchema.safeParse(bad).success).toBe(false);
		const many = Array.from({ length: 201 }, (_, i) => entry(String(i), 'user.unlocked'));
		expect(auditPageReadSchema.safeParse({ entries: many, next: null }).success).toBe(false);
	});
});
