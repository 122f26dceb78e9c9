import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reportDraftSchema, type ReportDraft } from '$lib/domain/report-document';
import { AppDatabase } from './database';
import type { Clock } from './clock';
import { getReport, saveReport } from './reports';

let db: AppDatabase;
const clock: Clock = { now: () => 1_780_000_000_000, newId: () => crypto.randomUUID() };
beforeEach(() => {
	db = new AppDatabase(`reports-${Math.random()}`);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

const figures = (year: number) => ({
	asOf: `${year}-06-14`,
	period: {
		kind: '6month',
		year,
		index: 0,
		start: `${year - 1}-12-15`,
		end: `${year}-06-14`
	},
	units: [],
	commune: { unitCode: '*', indicators: [] },
	unitNames: {},
	overLimit: []
});
const draft = (year: number, over: Partial<ReportDraft> = {}): ReportDraft =>
	reportDraftSchema.parse({
		id: `*:6month:${year}`,
		scope: '*',
		unitCode: null,
		periodKind: '6month',
		year,
		number: 7,
		symbol: 'BC-UBND',
		issuedOn: `${year}-06-20`,
		signingForm: 'tm',
		signerTitle: '',
		signerName: 'Nguyễn Thị Hoa',
		recipients: [],
		deployment: '',
		shortcomings: '',
		directions: '',
		proposals: '',
		status: 'draft',
		issued: null,
		createdAt: clock.now(),
		updatedAt: clock.now(),
		deleted: false,
		...over
	});

describe('saveReport and a year before the targets (2026)', () => {
	it('keeps its draft but never makes it final; 2026 is final as before', async () => {
		await saveReport(db, draft(2025), clock);
		const final2025 = draft(2025, {
			status: 'final',
			issued: figures(2025) as ReportDraft['issued']
		});
		const refused = await saveReport(db, final2025, clock).catch((e: unknown) => e);
		expect(refused).toBeInstanceOf(z.ZodError);
		expect((refused as z.ZodError).issues[0]).toMatchObject({
			path: ['status'],
			message: 'err.finalBeforeTargets'
		});
		expect((await getReport(db, '*:6month:2025'))?.status).toBe('draft');
		// Nothing to send: only the draft's own change is in the outbox.
		expect(await db.outbox.count()).toBe(1);
		const final2026 = draft(2026, {
			status: 'final',
			issued: figures(2026) as ReportDraft['issued']
		});
		await saveReport(db, final2026, clock);
		expect((await getReport(db, '*:6month:2026'))?.status).toBe('final');
	});

	it('one already final (synced from before the rule) may be edited and taken back to a draft', async () => {
		const early = draft(2025, { status: 'final', issued: figures(2025) as ReportDraft['issued'] });
		await db.reports.put(early);
		await saveReport(db, { ...early, proposals: 'Đề nghị bổ sung.' }, clock);
		await saveReport(db, { ...early, status: 'draft', issued: null }, clock);
		expect((await getReport(db, early.id))?.status).toBe('draft');
		await expect(saveReport(db, early, clock)).rejects.toBeInstanceOf(z.ZodError);
	});
});
