/**
 * The province's Word file of a commune's sent report is the commune's own document: built from
 * what GET /api/province/reports/{id} returns (text, issued figures, the commune's settings name),
 * with no record of the commune.
 */
import * as docx from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMUNE_B, finalReport, seedTwoCommunes, type TwoCommunes } from '$factories/communes';
import { hlcAt, mutation, T0 } from '$factories/sync';
import { defaultSettings } from '$lib/domain/defaults';
import { provinceReportAnswerSchema } from '$lib/domain/province';
import { getReport } from '$lib/server/province/handlers';
import { publicUser } from '$lib/server/auth/users';
import { authenticate } from '$lib/server/http/request-auth';
import { push } from '$lib/server/sync/push';
import { openSeededServer, sessionFor, type TestServer } from '$lib/server/test-server';
import { buildDocx } from './docx-file';
import { provinceReportDocument, provinceReportFileName } from './province-docx';

let s: TestServer;
let t: TwoCommunes;
beforeEach(async () => {
	s = await openSeededServer();
	t = await seedTwoCommunes(s);
});
afterEach(() => s.close());

const paragraphs = (xml: string): string[] =>
	[...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
		.map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''))
		.filter((x) => x !== '');

/** Commune B's 6-month report of 2026 as the province's monitor gets it from the API. */
async function monitorReads6Month() {
	const token = (await sessionFor(s.ctx, t.province.province_monitor.id)).token;
	const request = new Request(
		`http://localhost/api/province/reports/${COMMUNE_B}?kind=6month&year=2026`,
		{ headers: { authorization: `Bearer ${token}` } }
	);
	const row = await authenticate(s.ctx, request);
	const res = await getReport(s.ctx, {
		request,
		user: row ? publicUser(row) : null,
		clientAddress: '::1',
		params: { communeId: COMMUNE_B }
	});
	expect(res.status).toBe(200);
	return provinceReportAnswerSchema.parse(await res.json()).report;
}

describe('the province’s Word file of a sent report', () => {
	it('carries the commune’s masthead, number, text, figures and signer', async () => {
		// Commune B names itself in its settings (as its own reports do) and sends its final report,
		// issued under plan 12/KH-UBND; the settings now hold a plan entered afterwards (30/KH-UBND
		// of 10/8/2026), which the sent report never cites.
		await push(s.ctx, t.b.admin, {
			version: 1,
			deviceId: 'dev-a',
			mutations: [
				mutation(
					'settings',
					{
						...defaultSettings(T0),
						communeName: 'Tân Văn',
						province: 'Lạng Sơn',
						planNumber: '30/KH-UBND',
						planDate: '2026-08-10'
					},
					{ hlc: hlcAt(T0 + 1000) }
				),
				mutation(
					'report',
					finalReport(null, {
						deployment: 'Đã quán triệt Quyết định đến toàn thể cán bộ.',
						recipients: ['Sở Nội vụ tỉnh Lạng Sơn'],
						issued: {
							...finalReport(null).issued,
							plan: { number: '12/KH-UBND', date: '2026-04-20' },
							commune: {
								unitCode: '*',
								indicators: [
									{
										code: 'online_share',
										value: 40,
										display: '40.0',
										target: 60,
										status: 'missed'
									}
								]
							}
						}
					}),
					{ hlc: hlcAt(T0 + 2000) }
				)
			]
		});
		const report = await monitorReads6Month();
		expect(report.issuerName).toBe('Tân Văn');
		expect(provinceReportFileName(report)).toBe(
			`bao-cao-${COMMUNE_B}-6-thang-2026-den-14-06-2026.docx`
		);

		const doc = provinceReportDocument(report);
		const buffer = await docx.Packer.toBuffer(buildDocx(doc, docx));
		const xml = strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml']!);
		const text = paragraphs(xml);
		for (const line of [
			'XÃ TÂN VĂN',
			'Số: 07/BC-UBND',
			'Đã quán triệt Quyết định đến toàn thể cán bộ.',
			'Nguyễn Thị Hoa',
			'- Sở Nội vụ tỉnh Lạng Sơn.',
			// The opening cites the plan the report was issued under, as the commune's signed file does.
			'Thực hiện Kế hoạch số 12/KH-UBND ngày 20/4/2026 của UBND xã Tân Văn về triển khai thực hiện Quyết định số 534/QĐ-TTg ngày 31/3/2026 của Thủ tướng Chính phủ, UBND xã báo cáo kết quả thực hiện 6 tháng đầu năm 2026 như sau:'
		])
			expect(text, line).toContain(line);
		expect(xml).toContain('Tỷ lệ hội nghị trực tuyến');
		expect(xml).toContain('Không đạt');
	});

	it('cites no plan for a report issued before its snapshot held one, whatever the settings say now', async () => {
		// A 6-month report issued in June with no plan entered; the clerk enters 45/KH-UBND in
		// August. The province's copy keeps the opening of the signed document.
		await push(s.ctx, t.b.admin, {
			version: 1,
			deviceId: 'dev-a',
			mutations: [
				mutation(
					'settings',
					{ ...defaultSettings(T0), planNumber: '45/KH-UBND', planDate: '2026-04-15' },
					{ hlc: hlcAt(T0 + 1000) }
				),
				mutation('report', finalReport(null), { hlc: hlcAt(T0 + 2000) })
			]
		});
		const report = await monitorReads6Month();
		expect(report.plan).toBeNull();
		expect(provinceReportDocument(report).opening).toMatch(
			/^Thực hiện Kế hoạch của UBND xã về triển khai thực hiện Quyết định số 534/
		);
	});

	it('reads an answer of a server older than the plan as no plan: the opening of before', () => {
		const answer = provinceReportAnswerSchema.parse({
			report: {
				communeId: COMMUNE_B,
				communeName: 'Xã Tân Văn',
				kind: '6month',
				year: 2026,
				issuedOn: '2026-06-20',
				number: 7,
				symbol: 'BC-UBND',
				signerName: 'Nguyễn Thị Hoa',
				issued: finalReport(null).issued,
				text: {
					signingForm: 'tm',
					signerTitle: '',
					recipients: [],
					deployment: '',
					shortcomings: '',
					directions: '',
					proposals: ''
				},
				issuerName: 'Tân Văn'
			}
		});
		expect(answer.report.plan).toBeNull();
		expect(provinceReportDocument(answer.report).opening).toMatch(
			/^Thực hiện Kế hoạch của UBND xã về triển khai thực hiện/
		);
	});
});
