import { describe, expect, it } from 'vitest';
import { compareCommunes, newCommuneSchema, provinceCsv, summaryQuerySchema } from './province';

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

describe('provinceCsv', () => {
	it('writes one row per commune in order, quoting and defusing text cells', () => {
		const csv = provinceCsv({
			kind: '6month',
			year: 2026,
			period: { start: '2025-12-15', end: '2026-06-14' },
			asOf: '2026-06-14',
			dueDate: '2026-06-14',
			areas: [],
			communes: [
				{
					id: 'xa-a',
					name: '=Xã "A", huyện B',
					area: null,
					indicators: [
						{ code: 'online_share', value: 50, display: '50.0', target: 60, status: 'off_track' }
					],
					met: 0,
					applicable: 1,
					skipped: 0,
					report: { state: 'overdue', issuedOn: null, number: null, symbol: null }
				}
			]
		});
		const [head, row, end] = csv.split('\r\n');
		expect(csv.startsWith('\uFEFFcommune_id,commune_name,area,')).toBe(true);
		expect(head).toContain(',online_share,online_share_status,');
		expect(row).toMatch(/^xa-a,"'=Xã ""A"", huyện B",,6month,2026,2026-06-14,0,1,overdue,,,,/);
		expect(row).toContain(',50.0,off_track,');
		expect(end).toBe('');
	});
});
