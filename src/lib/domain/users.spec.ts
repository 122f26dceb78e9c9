import { describe, expect, it } from 'vitest';
import {
	fieldErrors,
	isCommonPassword,
	newUserSchema,
	passwordChangeSchema,
	passwordSchema,
	userUpdateSchema
} from './users';

const codes = (
	schema: { safeParse(x: unknown): { success: boolean; error?: unknown } },
	x: unknown
) => {
	const r = schema.safeParse(x);
	return r.success ? {} : fieldErrors(r.error as Parameters<typeof fieldErrors>[0]);
};

describe('password policy', () => {
	it('needs at least 10 characters', () => {
		expect(passwordSchema.safeParse('abcdefghi').success).toBe(false);
		expect(passwordSchema.safeParse('abcdefghij').success).toBe(true);
		expect(codes(passwordSchema, 'ngan')).toEqual({ _: 'too_short' });
		expect(codes(passwordSchema, '')).toEqual({ _: 'required' });
		expect(codes(passwordSchema, 'x'.repeat(257))).toMatchObject({ _: 'too_long' });
	});

	it('refuses common passwords and one repeated character, whatever the case', () => {
		for (const p of ['1234567890', 'Password123', 'MATKHAU123', 'aaaaaaaaaaaa', 'qwertyuiop'])
			expect(isCommonPassword(p), p).toBe(true);
		expect(codes(passwordSchema, 'Password123')).toEqual({ _: 'common' });
		expect(isCommonPassword('họp-giao-ban-thứ-hai')).toBe(false);
	});

	it('a change needs the current password and a different new one', () => {
		expect(codes(passwordChangeSchema, { currentPassword: '', newPassword: 'x' })).toEqual({
			currentPassword: 'required',
			newPassword: 'too_short'
		});
		expect(
			codes(passwordChangeSchema, { currentPassword: 'mot-mat-khau', newPassword: 'mot-mat-khau' })
		).toEqual({ newPassword: 'unchanged' });
	});
});

describe('user schemas', () => {
	it('lowercases the username and names every bad field with a code', () => {
		const ok = newUserSchema.parse({
			username: ' Nguyen.Van-A ',
			password: 'mot-mat-khau-dai',
			displayName: ' Nguyễn Văn A ',
			role: 'staff',
			unitCode: 'VP'
		});
		expect(ok).toMatchObject({ username: 'nguyen.van-a', displayName: 'Nguyễn Văn A' });
		expect(
			codes(newUserSchema, {
				username: 'A B',
				password: 'short',
				role: 'unit_head',
				unitCode: null
			})
		).toEqual({ username: 'format', password: 'too_short', unitCode: 'unit_required' });
		expect(
			codes(newUserSchema, {
				username: 'gs',
				password: 'mot-mat-khau-dai',
				role: 'boss',
				unitCode: null
			})
		).toEqual({ username: 'format', role: 'required' });
		expect(
			codes(newUserSchema, {
				username: 'giamsat',
				password: 'mot-mat-khau-dai',
				role: 'monitor',
				unitCode: 'VP'
			})
		).toEqual({ unitCode: 'unit_not_allowed' });
	});

	it('an update needs at least one field; role and unit are checked together', () => {
		expect(userUpdateSchema.safeParse({}).success).toBe(false);
		expect(userUpdateSchema.parse({ disabled: true })).toEqual({ disabled: true });
		expect(codes(userUpdateSchema, { role: 'staff', unitCode: null })).toEqual({
			unitCode: 'unit_required'
		});
		expect(userUpdateSchema.parse({ role: 'monitor', unitCode: null })).toEqual({
			role: 'monitor',
			unitCode: null
		});
	});
});
