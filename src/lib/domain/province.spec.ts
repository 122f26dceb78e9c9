import { describe, expect, it } from 'vitest';
import {
	compareCommunes,
	newCommuneSchema,
	standingOf,
	provinceCsv,
	summaryQuerySchema,
	type ProvinceSummary
} from './province';

const c = (name: string, met: number, applicable: number) => ({ name, met, applicable });

describe('province view rules', () => {
	it('puts communes with nothing to judge first (no data is not best), then the lowest share met', () => {
		const list = [c('Đồng', 3, 4), c('An', 0, 0), c('Bình', 1, 4), c('Chi', 2, 8), c('Dạ', 1, 2)];
		expect(list.sort(compareCommunes).map((x) => x.name)).toEqual([
			'An', // nothing applies: no data, its own group at the top
			'Chi', // 2/8 = 0.25, more targets than Bình
			'Bình', // 1/4
			'Dạ', // 1/2
			'Đồng' // 3/4
		]);
	});

	it('ranks a commune that sent its report by the report’s figures, not the live ones (province review r21, 1)', () => {
		const sent = (name: string, live: [number, number], issued: [number, number]) => ({
			name,
			met: live[0],
			applicable: live[1],
			report: { issued: { met: issued[0], applicable: issued[1] } }
		});
		// Live 4/7 beside a sent report of 1/4: the report (1/4) is what counts.
		const a = sent('An', [4, 7], [1, 4]);
		expect(standingOf(a)).toEqual({ met: 1, applicable: 4, source: 'report' });
		expect(standingOf(c('Bình', 3, 4))).toEqual({ met: 3, applicable: 4, source: 'live' });
		const list = [c('Bình', 2, 4), a, sent('Chi', [0, 0], [3, 4]), c('Dạ', 0, 0)];
		expect(list.sort(compareCommunes).map((x) => x.name)).toEqual([
			'Dạ', // nothing to judge
			'An', // 1/4 as sent (4/7 live would put it after Bình)
			'Bình', // 2/4 live: no report sent
			'Chi' // 3/4 as sent, although nothing can be judged live today
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
	const summary = (communes: ProvinceSummary['communes']): ProvinceSummary => ({
		kind: '6month',
		year: 2026,
		period: { start: '2025-12-15', end: '2026-06-14' },
		asOf: '2026-12-01',
		dueDate: '2026-06-14',
		areas: [],
		unassigned: true,
		communes
	});
	const notSent = {
		state: 'overdue' as const,
		issuedOn: null,
		number: null,
		symbol: null,
		receivedAt: null,
		lateDays: null,
		issued: null
	};

	it('writes one row per commune in order, quoting and defusing text cells', () => {
		const csv = provinceCsv(
			summary([
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
					lastDataAt: null,
					dataAgeDays: null,
					report: notSent
				}
			])
		);
		const [head, row, end] = csv.split('\r\n');
		expect(csv.startsWith('\uFEFFcommune_id,commune_name,area,')).toBe(true);
		expect(head).toContain(',online_share,online_share_status,online_share_target,');
		expect(row).toMatch(
			/^xa-a,"'=Xã ""A"", huyện B",,6month,2026,2025-12-15,2026-06-14,2026-06-14,2026-12-01,,,0,1,overdue,,,,,/
		);
		expect(row).toContain(',50.0,off_track,60,');
		expect(end).toBe('');
	});

	it('puts the sent report’s own figures in report_ columns, never beside the live ones', () => {
		const live = [
			{ code: 'conferences_held', value: 38, display: '38', target: null, status: null },
			{ code: 'online_share', value: 76.3, display: '76.3', target: 60, status: 'met' as const },
			{
				code: 'conference_reduction',
				value: 13.7,
				display: '13.7',
				target: 10,
				status: 'on_track' as const,
				baseline: 86,
				cap: 77,
				count: 38,
				projected: 74.25
			}
		];
		const csv = provinceCsv(
			summary([
				{
					id: 'default',
					name: 'Thiên Tân',
					area: null,
					indicators: live,
					met: 2,
					applicable: 2,
					skipped: 0,
					lastDataAt: Date.UTC(2026, 10, 22, 2, 30),
					dataAgeDays: 9,
					report: {
						state: 'sent',
						issuedOn: '2026-06-18',
						number: 5,
						symbol: 'BC-UBND',
						receivedAt: null,
						lateDays: 4,
						issued: {
							asOf: '2026-06-20',
							period: { start: '2025-12-15', end: '2026-06-14' },
							otherPeriod: false,
							partial: false,
							indicators: [
								{ code: 'conferences_held', value: 36, display: '36', target: null, status: null },
								{ code: 'online_share', value: 80.6, display: '80.6', target: 60, status: 'met' },
								{ ...live[2]!, display: '18.4' }
							],
							met: 2,
							applicable: 2,
							changed: ['conferences_held', 'online_share', 'conference_reduction']
						}
					}
				},
				{ ...summaryRow('xa-b'), report: notSent }
			])
		);
		const [head, sent, other] = csv.split('\r\n').map((l) => l.split(','));
		const at = (name: string) => head!.indexOf(name);
		const cell = (row: string[] | undefined, name: string) => {
			expect(at(name), name).toBeGreaterThan(-1);
			return row?.[at(name)];
		};
		expect(cell(sent, 'conferences_held')).toBe('38');
		expect(cell(sent, 'report_conferences_held')).toBe('36');
		expect(cell(sent, 'online_share')).toBe('76.3');
		expect(cell(sent, 'report_online_share')).toBe('80.6');
		expect(cell(sent, 'report_number')).toBe('5');
		expect(cell(sent, 'report_as_of')).toBe('2026-06-20');
		expect(cell(sent, 'report_late_days')).toBe('4');
		// When its data last arrived (Hà Nội time) and how long ago; nothing for a commune never heard.
		expect(cell(sent, 'last_data_at')).toBe('2026-11-22T09:30+07:00');
		expect(cell(sent, 'data_age_days')).toBe('9');
		expect([cell(other, 'last_data_at'), cell(other, 'data_age_days')]).toEqual(['', '']);
		expect(cell(sent, 'report_other_period')).toBe('0');
		expect(cell(sent, 'report_changed')).toBe('conferences_held online_share conference_reduction');
		expect(cell(sent, 'conference_reduction_cap')).toBe('77');
		expect(cell(sent, 'conference_reduction_projected')).toBe('74.3');
		expect(cell(sent, 'conference_reduction_target')).toBe('10');
		// Every report_ column is empty for a commune that sent nothing.
		const empty = head!.flatMap((h, i) =>
			h.startsWith('report_') && h !== 'report_state' ? [i] : []
		);
		expect(empty.map((i) => other?.[i])).toEqual(empty.map(() => ''));
		// Which figures put each row in its place: the report sent, else the live ones.
		expect([head!.at(-1), sent!.at(-1), other!.at(-1)]).toEqual(['ranked_by', 'report', 'live']);
	});
});

function summaryRow(id: string): ProvinceSummary['communes'][number] {
	return {
		id,
		name: id,
		area: null,
		indicators: [],
		met: 0,
		applicable: 0,
		skipped: 0,
		lastDataAt: null,
		dataAgeDays: null,
		report: {
			state: 'missing',
			issuedOn: null,
			number: null,
			symbol: null,
			receivedAt: null,
			lateDays: null,
			issued: null
		}
	};
}
