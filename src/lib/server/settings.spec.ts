import { describe, expect, it } from 'vitest';
import { serverSettings } from './settings';

describe('server settings', () => {
	it('checkpoints SQLite inline unless SQLITE_CHECKPOINT=background; anything else stops the start', () => {
		expect(serverSettings({}).SQLITE_CHECKPOINT).toBe('inline');
		expect(serverSettings({ SQLITE_CHECKPOINT: 'background' }).SQLITE_CHECKPOINT).toBe(
			'background'
		);
		expect(() => serverSettings({ SQLITE_CHECKPOINT: 'sometimes' })).toThrow();
	});
});
