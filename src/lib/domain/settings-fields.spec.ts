import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en, vi } from '$lib/i18n/messages';
import { settingsSchema } from './schemas';
import { t } from '$lib/i18n/index.svelte';
import '$lib/i18n/all';
import { SETTINGS_FIELD_LABELS, settingsFieldLabel, settingsFieldsText } from './settings-fields';

const form = readFileSync('src/routes/settings/+page.svelte', 'utf8');

describe('the settings fields’ names (admin log)', () => {
	it('every field of the settings schema has a name, in both languages, the /settings form’s', () => {
		const fields = Object.keys(settingsSchema.shape).filter((k) => k !== 'id' && k !== 'updatedAt');
		expect(Object.keys(SETTINGS_FIELD_LABELS).sort()).toEqual(fields.sort());
		for (const f of fields) {
			const keys = settingsFieldLabel(f);
			expect(keys, f).not.toBeNull();
			for (const k of keys!) {
				expect(vi[k as keyof typeof vi], k).toBeTruthy();
				expect(en[k as keyof typeof en], k).toBeTruthy();
				// The form shows the same text (a label or a group's legend); the plan's legend, in the
				// log in its short form (clerk review r11, 9), begins with it.
				if (k === 'audit.plan') {
					expect(vi['settings.plan'].startsWith(vi[k]), k).toBe(true);
					expect(form).toContain(`{t('settings.plan')}`);
				} else expect(form, k).toContain(`{t('${k}')}`);
			}
		}
	});

	it('names a change of the plan fields in Vietnamese, never by their raw names', () => {
		const text = settingsFieldsText(['planDate', 'planNumber', 'communeName'], (k) => t(k));
		expect(text).toBe(
			'Kế hoạch thực hiện – Ngày ban hành; Kế hoạch thực hiện – Số, ký hiệu; Tên xã'
		);
		expect(text).not.toMatch(/planDate|planNumber|communeName/);
		expect(settingsFieldsText(['fromANewerServer'], (k) => t(k))).toBe('fromANewerServer');
	});

	it('knows no other name', () => {
		expect(settingsFieldLabel('toString')).toBeNull();
		expect(settingsFieldLabel('nope')).toBeNull();
	});
});
