import { describe, expect, it } from 'vitest';
import { buildInstant } from './build-version';
import { formatDateTime } from './time';

describe("the app's version as a clerk reads it", () => {
	it('is the build time the default version names, in UTC+7', () => {
		const ms = buildInstant('1796127018412');
		expect(ms).toBe(1796127018412);
		expect(formatDateTime(ms!)).toBe('01/12/2026 19:10');
	});

	it('leaves a version set by hand as it is', () => {
		expect(buildInstant('0.1.0')).toBeNull();
		expect(buildInstant('2026.12.1')).toBeNull();
		expect(buildInstant('9999999999999')).toBeNull();
	});
});
