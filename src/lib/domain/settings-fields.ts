/**
 * The name of each field of the commune's settings as the /settings form shows it: the message
 * keys of its label, the group's legend first when the form puts the field in a group (the plan's
 * "Số, ký hiệu" means little alone). The admin log (/users/audit) names a settings change's fields
 * with these. Typed over every field of `Settings`, and settings-fields.spec.ts checks the schema,
 * so a field added to the settings cannot be left without a name.
 */
import type { Settings } from './schemas';

/** Record metadata: not a field anyone edits. */
export type SettingsMeta = 'id' | 'updatedAt';

export const SETTINGS_FIELD_LABELS: Record<
	Exclude<keyof Settings, SettingsMeta>,
	readonly string[]
> = {
	communeName: ['settings.communeName'],
	province: ['settings.province'],
	periodMode: ['settings.periodMode'],
	limits: ['settings.limits'],
	warningLeadMinutes: ['settings.warningLead'],
	planNumber: ['settings.plan', 'settings.planNumber'],
	planDate: ['settings.plan', 'settings.planDate']
};

/** A settings field's label keys, or null for a name this version does not know. */
export function settingsFieldLabel(field: string): readonly string[] | null {
	return Object.hasOwn(SETTINGS_FIELD_LABELS, field)
		? SETTINGS_FIELD_LABELS[field as keyof typeof SETTINGS_FIELD_LABELS]
		: null;
}

/**
 * The names of a settings change's fields, for the admin log: "Tên xã; Kế hoạch … – Số, ký hiệu"
 * (a name can hold a comma, so ';' between names). A name this version does not know (a newer
 * server's field) shows as it is.
 */
export function settingsFieldsText(fields: readonly string[], t: (key: string) => string): string {
	return fields
		.map(
			(f) =>
				settingsFieldLabel(f)
					?.map((k) => t(k))
					.join(' – ') ?? f
		)
		.join('; ');
}
