import { describe, expect, it } from 'vitest';
import { notificationOptions, parsePayload } from './push';
import { targetUrl } from './notification-click';

describe('service worker push and click handlers', () => {
	it('a push payload becomes a notification tagged per meeting, with vibration and actions', () => {
		const actions = [
			{ action: 'open', title: 'Open' },
			{ action: 'end-sitting', title: 'End sitting' }
		];
		const p = parsePayload(JSON.stringify({ title: 'T', body: 'B', meetingId: 'm-1', actions }));
		expect(p).toMatchObject({ title: 'T', body: 'B', meetingId: 'm-1' });
		const o = notificationOptions(p!) as NotificationOptions & {
			actions: { action: string }[];
			vibrate: number[];
		};
		expect(o.tag).toBe('meeting-m-1');
		expect(o.vibrate.length).toBeGreaterThan(0);
		expect(o.actions).toEqual(actions);
	});

	it('ignores payloads that are not ours', () => {
		expect(parsePayload(null)).toBeNull();
		expect(parsePayload('not json')).toBeNull();
		expect(parsePayload(JSON.stringify({ title: 'x' }))).toBeNull();
	});

	it('a click opens the meeting; the end-sitting action asks the page to end the sitting, with its grant', () => {
		expect(targetUrl({ meetingId: 'm 1' }, '')).toBe('/meetings/m%201');
		expect(targetUrl({ meetingId: 'm1' }, 'end-sitting', 'g 1')).toBe(
			'/meetings/m1?do=end-sitting&grant=g%201'
		);
		// No grant recorded (Cache Storage refused it): the meeting opens, nothing is asked.
		expect(targetUrl({ meetingId: 'm1' }, 'end-sitting')).toBe('/meetings/m1');
		expect(targetUrl({ meetingId: 'm1' }, 'open', 'g1')).toBe('/meetings/m1');
		expect(targetUrl(null, 'open')).toBe('/meetings');
	});
});
