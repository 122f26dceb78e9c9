import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '$lib/domain/meeting';
import { bannerText, type Banner } from './notifier.svelte';

const LIMIT = 480;
const banner = (kind: Banner['kind'], atMinutes: number): Banner => ({
	meetingId: 'm1',
	title: 'stored title',
	body: 'stored body',
	kind,
	meetingTitle: 'Hội nghị',
	limitMinutes: LIMIT,
	atElapsedMs: atMinutes * MINUTE_MS
});

describe('bannerText: the banner follows the phase, not the moment it fired', () => {
	it('at the limit itself, the limit notification as it fired', () => {
		const b = banner('limit', LIMIT);
		expect(bannerText(b, LIMIT * MINUTE_MS)).toEqual({
			title: 'stored title',
			body: 'stored body',
			kind: 'limit'
		});
	});

	it('once overtime has started, never "bằng giới hạn"', () => {
		const b = banner('limit', LIMIT);
		const early = bannerText(b, LIMIT * MINUTE_MS + 20_000);
		expect(early.body).toBe('Cuộc họp đã hết thời gian giới hạn 8 giờ.');
		expect(early.title).toBe('Đã đến giới hạn: Hội nghị');
		const later = bannerText(b, (LIMIT + 12) * MINUTE_MS + 59_000);
		expect(later).toEqual({
			title: 'Quá giờ 12 phút: Hội nghị',
			body: 'Cuộc họp đã vượt giới hạn 8 giờ là 12 phút.',
			kind: 'overtime'
		});
		for (const t of [early, later]) expect(`${t.title} ${t.body}`).not.toMatch(/bằng giới hạn/);
	});

	it('a warning counts down the minutes left, and turns into overtime past the limit', () => {
		const b = banner('warning', LIMIT - 15);
		expect(bannerText(b, (LIMIT - 10) * MINUTE_MS).body).toBe('Còn 10 phút đến giới hạn 8 giờ.');
		expect(bannerText(b, (LIMIT + 3) * MINUTE_MS).kind).toBe('overtime');
	});

	it('never goes back before the moment it fired (a paused or stale clock)', () => {
		const b = banner('overtime', LIMIT + 30);
		expect(bannerText(b, 0).title).toBe('Quá giờ 30 phút: Hội nghị');
	});
});
