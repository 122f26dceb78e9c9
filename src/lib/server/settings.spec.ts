import { describe, expect, it } from 'vitest';
import { serverSettings, streamLimitsOf } from './settings';

describe('server settings', () => {
	it('checkpoints SQLite inline unless SQLITE_CHECKPOINT=background; anything else stops the start', () => {
		expect(serverSettings({}).SQLITE_CHECKPOINT).toBe('inline');
		expect(serverSettings({ SQLITE_CHECKPOINT: 'background' }).SQLITE_CHECKPOINT).toBe(
			'background'
		);
		expect(() => serverSettings({ SQLITE_CHECKPOINT: 'sometimes' })).toThrow();
	});

	it('caps live event streams at 1000 per process, 200 per commune and 100 per address unless set; 0 stops the start', () => {
		expect(streamLimitsOf(serverSettings({}))).toEqual({
			perProcess: 1000,
			perCommune: 200,
			perAddress: 100
		});
		expect(
			streamLimitsOf(
				serverSettings({
					EVENT_STREAMS_PER_PROCESS: '5000',
					EVENT_STREAMS_PER_COMMUNE: '800',
					EVENT_STREAMS_PER_ADDRESS: '300'
				})
			)
		).toEqual({ perProcess: 5000, perCommune: 800, perAddress: 300 });
		expect(() => serverSettings({ EVENT_STREAMS_PER_ADDRESS: '0' })).toThrow();
		expect(() => serverSettings({ EVENT_STREAMS_PER_COMMUNE: '0' })).toThrow();
	});
});
