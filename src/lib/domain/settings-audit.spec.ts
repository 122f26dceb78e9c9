import { describe, expect, it } from 'vitest';
import { AUDIT_DETAILS } from './audit';
import { defaultSettings } from './defaults';
import { settingsChangeDetail } from './settings-audit';
import { settingsChangeLines } from './settings-fields';
import { formatDate } from './time';
import vi from '$lib/i18n/messages/audit';
import settings from '$lib/i18n/messages/settings';
import core from '$lib/i18n/messages/core';

const texts: Record<string, string> = { ...core.vi, ...settings.vi, ...vi.vi };
const t = (k: string, v: Record<string, string> = {}) =>
	(texts[k] ?? k).replace(/\{(\w+)\}/g, (_, n: string) => v[n] ?? `{${n}}`);
const base = { ...defaultSettings(0) } as Record<string, unknown>;
const fieldsOf = (a: Record<string, unknown>, b: Record<string, unknown>) =>
	Object.keys({ ...a, ...b })
		.filter((k) => k !== 'updatedAt' && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
		.sort();
const detail = (a: Record<string, unknown>, b: Record<string, unknown>) =>
	settingsChangeDetail(a, b, fieldsOf(a, b));

describe('a settings change in the admin log', () => {
	it('keeps the plan’s number and date from → to, by year, and shows them in words', () => {
		const before = { ...base, planNumber: '45/KH-UBND', planDate: '2026-04-15' };
		const plans = [{ year: 2026, number: '52/KH-UBND', date: '2026-04-20' }];
		const after = { ...base, planNumber: '52/KH-UBND', planDate: '2026-04-20', plans };
		const d = detail(before, after)!;
		expect(d).toEqual({
			fields: ['planDate', 'planNumber', 'plans'],
			plans: [
				{
					year: 2026,
					number: { from: '45/KH-UBND', to: '52/KH-UBND' },
					date: { from: '2026-04-15', to: '2026-04-20' }
				}
			]
		});
		expect(AUDIT_DETAILS['settings.changed'].parse(d)).toEqual(d);
		expect(settingsChangeLines(d, t, formatDate)).toEqual([
			'Kế hoạch thực hiện năm 2026 – Số, ký hiệu: 45/KH-UBND → 52/KH-UBND; Ngày ban hành: 15/04/2026 → 20/04/2026'
		]);
	});

	it('keeps the plain fields’ values too: names, period mode, each limit, the warning lead', () => {
		const after = {
			...base,
			communeName: 'Xã Thiên Tân',
			periodMode: 'calendar',
			limits: { ...(base.limits as object), quan_triet: 180, hop: 90 },
			warningLeadMinutes: 10
		};
		const d = detail(base, after)!;
		expect(AUDIT_DETAILS['settings.changed'].parse(d)).toEqual(d);
		expect(settingsChangeLines(d, t, formatDate)).toEqual([
			'Tên xã: — → Xã Thiên Tân',
			'Giới hạn thời lượng (phút) – Hội nghị quán triệt: 240 → 180',
			'Giới hạn thời lượng (phút) – Cuộc họp làm việc: không giới hạn → 90',
			'Kỳ báo cáo: Theo Nghị định 09/2019 (15 tháng trước – 14 tháng này) → Theo tháng dương lịch',
			'Báo trước khi hết giờ (phút): 15 → 10'
		]);
	});

	it('logs nothing when the old single plan is only read into the list (same plan, same year)', () => {
		const before = { ...base, planNumber: '45/KH-UBND', planDate: '2026-04-15' };
		const after = {
			...before,
			plans: [{ year: 2026, number: '45/KH-UBND', date: '2026-04-15' }]
		};
		expect(detail(before, after)).toBeNull();
		// A plan added for another year beside it is logged, as an addition.
		const added = {
			...after,
			plans: [...(after.plans as object[]), { year: 2027, number: '3/KH-UBND', date: null }]
		};
		expect(settingsChangeLines(detail(after, added)!, t, formatDate)).toEqual([
			'Kế hoạch thực hiện năm 2027 – Số, ký hiệu: — → 3/KH-UBND'
		]);
	});

	it('shows an entry made before values were kept by its fields, with the short prefix', () => {
		expect(settingsChangeLines({ fields: ['planDate', 'planNumber'] }, t, formatDate)).toEqual([
			'Đã sửa: Kế hoạch thực hiện – Ngày ban hành; Kế hoạch thực hiện – Số, ký hiệu'
		]);
		expect(settingsChangeLines({ fields: ['communeName'] }, t, formatDate)).toEqual([
			'Đã sửa: Tên xã'
		]);
	});

	it('refuses a detail with an unknown key or a value that is not its field’s (strict per field)', () => {
		const schema = AUDIT_DETAILS['settings.changed'];
		expect(schema.safeParse({ fields: [], secret: 'x' }).success).toBe(false);
		expect(
			schema.safeParse({
				fields: ['periodMode'],
				values: [{ field: 'periodMode', from: 'decree09', to: 'weekly' }]
			}).success
		).toBe(false);
		expect(
			schema.safeParse({
				fields: ['limits'],
				values: [{ field: 'limits.quan_triet', from: 240, to: '180' }]
			}).success
		).toBe(false);
		expect(
			schema.safeParse({
				fields: ['communeName'],
				values: [{ field: 'password', from: 'a', to: 'b' }]
			}).success
		).toBe(false);
		expect(
			schema.safeParse({
				fields: ['plans'],
				plans: [{ year: 2026, number: { from: '', to: 'x'.repeat(41) } }]
			}).success
		).toBe(false);
	});
});
