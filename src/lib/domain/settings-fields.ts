/**
 * The name of each field of the commune's settings as the /settings form shows it: the message
 * keys of its label, the group's legend first when the form puts the field in a group (the plan's
 * "Số, ký hiệu" means little alone; the plan's legend in its short form, "Kế hoạch thực hiện",
 * clerk review r11, 9). The admin log (/users/audit) names a settings change's fields
 * with these. Typed over every field of `Settings`, and settings-fields.spec.ts checks the schema,
 * so a field added to the settings cannot be left without a name.
 */
import type { Settings } from './schemas';
import { MEETING_CATEGORIES } from './codes';

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
	planNumber: ['audit.plan', 'settings.planNumber'],
	planDate: ['audit.plan', 'settings.planDate'],
	plans: ['audit.plan']
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

/** The settings fields the plans are: the list, and the old single plan mirroring one of them. */
export const PLAN_FIELD_NAMES: ReadonlySet<string> = new Set(['plans', 'planNumber', 'planDate']);

/**
 * A value field's label keys (`settings.changed`'s `values`), the group's first (a limit by its
 * category, under "Giới hạn thời lượng (phút)"), or null for a name this version does not know.
 */
function valueLabel(field: string): readonly string[] | null {
	const [group, category] = field.split('.');
	if (category !== undefined)
		return group === 'limits' && (MEETING_CATEGORIES as readonly string[]).includes(category)
			? [...SETTINGS_FIELD_LABELS.limits, `category.${category}`]
			: null;
	return field === 'limits' || PLAN_FIELD_NAMES.has(field) ? null : settingsFieldLabel(field);
}
const PERIOD_MODE_WORDS: Record<string, string> = {
	decree09: 'settings.decree09',
	calendar: 'settings.calendar'
};

/**
 * The lines of a settings change in the admin log: each value from → to ("Tên xã: Thiên Tân →
 * Thiên Tân mới"), each year's plan ("Kế hoạch thực hiện năm 2026 – Số, ký hiệu: 45/KH-UBND →
 * 52/KH-UBND; Ngày ban hành: 15/04/2026 → 20/04/2026"), then the fields changed whose values the
 * entry does not hold, by name ("Đã sửa: …": every field of an entry made before values were kept).
 * `date` writes a 'YYYY-MM-DD' as the screens do.
 */
export function settingsChangeLines(
	detail: Record<string, unknown>,
	t: (key: string, vars?: Record<string, string>) => string,
	date: (localDate: string) => string
): string[] {
	const none = '—';
	const arrow = (from: string, to: string) => t('audit.d.change', { from, to });
	const label = (keys: readonly string[]) => keys.map((k) => t(k)).join(' – ');
	const lines: string[] = [];
	const covered = new Set<string>();
	const values = Array.isArray(detail.values) ? (detail.values as Record<string, unknown>[]) : [];
	/** A value as the log writes it: none ('—', for the working meetings' limit "no limit"), a period mode's name. */
	const valueWord = (field: string, x: unknown): string => {
		if (x === null || x === undefined) return field === 'limits.hop' ? t('audit.d.noLimit') : none;
		const text = String(x);
		const mode = field === 'periodMode' ? PERIOD_MODE_WORDS[text] : undefined;
		if (mode !== undefined) return t(mode);
		return text === '' ? none : text;
	};
	for (const v of values) {
		const field = String(v.field);
		const keys = valueLabel(field);
		if (!keys) continue;
		covered.add(field.split('.')[0]!);
		lines.push(`${label(keys)}: ${arrow(valueWord(field, v.from), valueWord(field, v.to))}`);
	}
	if (Array.isArray(detail.plans)) {
		for (const name of PLAN_FIELD_NAMES) covered.add(name);
		for (const p of detail.plans as Record<string, unknown>[]) {
			const n = p.number as { from: string; to: string } | undefined;
			const d = p.date as { from: string | null; to: string | null } | undefined;
			const day = (x: string | null) => (x === null ? none : date(x));
			const parts = [
				n ? `${t('settings.planNumber')}: ${arrow(n.from || none, n.to || none)}` : '',
				d ? `${t('settings.planDate')}: ${arrow(day(d.from), day(d.to))}` : ''
			].filter((s) => s !== '');
			lines.push(`${t('settings.planOfYear', { year: String(p.year) })} – ${parts.join('; ')}`);
		}
	}
	const fields = Array.isArray(detail.fields) ? (detail.fields as string[]) : [];
	const rest = fields.filter((f) => !covered.has(f));
	if (rest.length > 0) lines.push(t('audit.d.fields', { fields: settingsFieldsText(rest, t) }));
	return lines;
}
