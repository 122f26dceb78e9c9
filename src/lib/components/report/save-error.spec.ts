/**
 * The report page's message when a draft is refused on the device (the same zod schema as the
 * server's): Vietnamese, with the field when there is one, never zod's JSON.
 */
import { describe, expect, it } from 'vitest';
import { bigReport } from '$factories/reports';
import { LIMITS } from '$lib/domain/schemas';
import { reportDraftSchema } from '$lib/domain/report-document';
import { saveErrorText } from './save-error';

const refusal = (record: unknown): unknown => {
	const parsed = reportDraftSchema.safeParse(record);
	expect(parsed.success).toBe(false);
	return parsed.error;
};

describe('saveErrorText', () => {
	it('says a report over its size cap is too large, in Vietnamese', () => {
		const text = saveErrorText(refusal(bigReport({ units: LIMITS.reportUnits })));
		expect(text).toContain(`${LIMITS.reportBytes / 1024} KB`);
		expect(text).toContain(`${LIMITS.reportUnits} đơn vị`);
		expect(text).toBe(
			'Báo cáo quá lớn (tối đa 384 KB, số liệu của tối đa 300 đơn vị); đề nghị rút gọn nội dung các mục.'
		);
	});

	it('names the section that is too long', () => {
		const draft = { ...bigReport({ units: 3, narrative: 10 }), proposals: 'x'.repeat(20_001) };
		expect(saveErrorText(refusal(draft))).toBe('V. Đề xuất, kiến nghị: Quá dài.');
	});

	it('keeps the message of an error that is not the schema’s', () => {
		expect(saveErrorText(new Error('QuotaExceededError'))).toBe('QuotaExceededError');
	});
});
