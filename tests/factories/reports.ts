/**
 * Report drafts for tests of the report's size cap: the biggest report a real commune makes (every
 * unit's figures with every indicator, the names, over-limit conferences, the narrative sections
 * full of Vietnamese text) and ones past the cap.
 */
import { periodOf } from '$lib/domain/periods';
import { computeReport } from '$lib/domain/progress/report';
import type { ReportDraft } from '$lib/domain/report-document/schema';
import { DEFAULT_TEST_LIMITS } from './records';
import { loadSampleCommune } from './sample-commune';
import { T0 } from './sync';

const SENTENCE =
	'Ủy ban nhân dân xã đã tổ chức quán triệt, triển khai thực hiện nghiêm túc Quyết định số 534/QĐ-TTg; giảm số lượng hội nghị, đẩy mạnh họp trực tuyến và xử lý văn bản điện tử.\n';
/** `n` characters of Vietnamese report text (about 1.4 UTF-8 bytes a character, with line breaks). */
export const vietnameseText = (n: number): string =>
	SENTENCE.repeat(Math.ceil(n / SENTENCE.length)).slice(0, n);

let engine: ReturnType<typeof computeReport> | null = null;
/** The sample commune's annual figures (every indicator, with their fractions and baselines). */
function sampleFigures(): ReturnType<typeof computeReport> {
	if (engine === null) {
		const sample = loadSampleCommune();
		engine = computeReport(
			{ ...sample, limits: DEFAULT_TEST_LIMITS, periodMode: 'decree09' },
			periodOf('annual', 2026, 0, 'decree09'),
			'2026-12-20'
		);
	}
	return engine;
}

export interface BigReportOptions {
	/** The scope's unit (null: the commune's report). */
	unitCode?: string | null;
	year?: number;
	/** Units with figures (hamlets named like real ones). */
	units?: number;
	/** Characters of each of the four narrative sections (at most 20,000). */
	narrative?: number;
	overLimit?: number;
}

/**
 * A final report with `units` units' figures (each with every indicator, values with full float
 * digits), the commune's excluded units listing every unit, 30 recipients and `overLimit`
 * conferences over their limit with long titles. Defaults: the biggest realistic commune report.
 */
export function bigReport(o: BigReportOptions = {}): ReportDraft {
	const { unitCode = null, year = 2026, units = 150, narrative = 20_000, overLimit = 200 } = o;
	const r = sampleFigures();
	const codes = Array.from({ length: units }, (_, i) => `THON${String(i + 1).padStart(3, '0')}`);
	const model = r.units.at(-1)!;
	const scope = unitCode ?? '*';
	return {
		id: `${scope}:annual:${year}`,
		scope,
		unitCode,
		periodKind: 'annual',
		year,
		number: 12345,
		symbol: unitCode === null ? 'BC-UBND' : `BC-${unitCode}`,
		issuedOn: '2026-12-20',
		signingForm: 'kt',
		signerTitle: '',
		signerName: 'Nguyễn Văn Anh',
		recipients: Array.from(
			{ length: 30 },
			(_, i) => `Sở Nội vụ tỉnh Lạng Sơn và các phòng, ban chuyên môn số ${i + 1} (b/c)`
		),
		deployment: vietnameseText(narrative),
		shortcomings: vietnameseText(narrative),
		directions: vietnameseText(narrative),
		proposals: vietnameseText(narrative),
		status: 'final',
		issued: {
			asOf: r.asOf,
			period: { ...r.period },
			units: codes.map((c, u) => ({
				unitCode: c,
				indicators: model.indicators.map((i) => ({
					...i,
					value: i.value === null ? null : i.value + u / 7
				}))
			})),
			commune: {
				unitCode: '*',
				indicators: r.commune.indicators.map((i) =>
					i.excludedUnits ? { ...i, excludedUnits: codes } : { ...i }
				)
			},
			unitNames: Object.fromEntries(
				codes.map((c, i) => [c, `Thôn Nà Lầu Kéo Mủ Bản Chắt Phiêng Luông số ${i + 1}`])
			),
			overLimit: Array.from({ length: overLimit }, (_, i) => ({
				date: '2026-05-05',
				unitCode: codes[i % Math.max(1, units)] ?? 'VP',
				title:
					'Hội nghị sơ kết 6 tháng đầu năm triển khai thực hiện nhiệm vụ phát triển kinh tế - xã hội của xã',
				minutes: 240,
				limit: 120
			}))
		},
		createdAt: T0,
		updatedAt: T0,
		deleted: false
	};
}

/** UTF-8 bytes of a value's JSON (what the record caps count). */
export const jsonBytes = (v: unknown): number => Buffer.byteLength(JSON.stringify(v));
