import { describe, expect, it } from 'vitest';
import { compareCommunes, newCommuneSchema, summaryQuerySchema } from './province';

const c = (name: string, met: number, applicable: number) => ({ name, met, applicable });

describe('province view rules', () => {
	it('puts the lowest share of targets met first, communes with nothing to judge last', () => {
		const list = [c('Đồng', 3, 4), c('An', 0, 0), c('Bình', 1, 4), c('Chi', 2, 8), c('Dạ', 1, 2)];
		expect(list.sort(compareCommunes).map((x) => x.name)).toEqual([
			'Chi', // 2/8 = 0.25, more targets than Bình
			'Bình', // 1/4
			'Dạ', // 1/2
			'Đồng', // 3/4
			'An' // nothing applies
		]);
	});

	it('checks commune ids and the period asked for', () => {
		const base = {
			name: 'Xã A',
			adminUsername: 'xa-a-admin',
			adminPassword: 'a long passphrase 1'
		};
		expect(newCommuneSchema.safeParse({ ...base, id: 'Xa-A' }).data?.id).toBe('xa-a');
		expect(newCommuneSchema.safeParse({ ...base, id: 'xa a' }).success).toBe(false);
		expect(newCommuneSchema.safeParse({ ...base, id: 'xa-a', area: '' }).data?.area).toBeNull();
		expect(summaryQuerySchema.safeParse({ kind: 'annual', year: '2026' }).data).toEqual({
			kind: 'annual',
			year: 2026
		});
		expect(summaryQuerySchema.safeParse({ kind: 'quarter', year: '2026' }).success).toBe(false);
	});
});
