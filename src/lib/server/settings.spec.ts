import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '$lib/domain/sync/protocol';
import { dueDatesOf, serverSettings, streamLimitsOf, writeBytesLimitOf } from './settings';

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

	it('budgets push bytes at 32 MiB at once, 4 MiB a minute unless set; 0 turns it off; less than one request stops the start', () => {
		expect(writeBytesLimitOf(serverSettings({}))).toEqual({
			burst: 32 * 1024 * 1024,
			perMinute: 4 * 1024 * 1024
		});
		expect(writeBytesLimitOf(serverSettings({ WRITE_BYTES_PER_MINUTE: '0' }))).toBeNull();
		expect(() => serverSettings({ WRITE_BYTES_BURST: String(MAX_BODY_BYTES - 1) })).toThrow();
	});

	it('sets no report due date unless the province does (REPORT_DUE_*, MM-DD); a bad one stops the start', () => {
		expect(dueDatesOf(serverSettings({}))).toEqual({
			'6month': null,
			'9month': null,
			annual: null
		});
		expect(
			dueDatesOf(serverSettings({ REPORT_DUE_6MONTH: '', REPORT_DUE_ANNUAL: '01-10' }))
		).toEqual({ '6month': null, '9month': null, annual: '01-10' });
		expect(() => serverSettings({ REPORT_DUE_9MONTH: '9-20' })).toThrow();
		expect(() => serverSettings({ REPORT_DUE_9MONTH: '13-01' })).toThrow();
	});
});
