/**
 * What the report page says when a draft could not be saved on the device. The draft goes through
 * the report's zod schema before it is written (db/reports.ts), so a refusal is a ZodError: its
 * first issue is said in the user's language with the field it is about ("V. Đề xuất, kiến nghị:
 * Quá dài."), never as zod's JSON. Anything else (IndexedDB full, closed) keeps its own message.
 */
import { t } from '$lib/i18n/index.svelte';

/** The form's label of each field of a draft a person types. */
const FIELD_LABELS: Record<string, string> = {
	number: 'report.number',
	symbol: 'report.symbol',
	issuedOn: 'report.issuedOn',
	signerTitle: 'report.signerTitle',
	signerName: 'report.signerName',
	recipients: 'report.recipients',
	deployment: 'report.section.deployment',
	shortcomings: 'report.section.shortcomings',
	directions: 'report.section.directions',
	proposals: 'report.section.proposals',
	// What a section was written over follows its text: the same label.
	deploymentBase: 'report.section.deployment',
	shortcomingsBase: 'report.section.shortcomings',
	directionsBase: 'report.section.directions',
	proposalsBase: 'report.section.proposals'
};

interface IssueLike {
	message?: unknown;
	path?: unknown;
}

/** The draft was refused by its schema (a ZodError): else the write to the device failed. */
export function isSchemaRefusal(error: unknown): boolean {
	const issues =
		error !== null && typeof error === 'object' ? (error as { issues?: unknown }).issues : null;
	return Array.isArray(issues) && issues.length > 0;
}

export function saveErrorText(error: unknown): string {
	const issues =
		error !== null && typeof error === 'object' ? (error as { issues?: unknown }).issues : null;
	if (!Array.isArray(issues) || issues.length === 0)
		return error instanceof Error ? error.message : String(error);
	const first = issues[0] as IssueLike;
	const key =
		typeof first.message === 'string' && first.message.startsWith('err.')
			? first.message
			: 'err.invalid';
	const field = Array.isArray(first.path) && first.path.length > 0 ? String(first.path[0]) : '';
	const label = FIELD_LABELS[field];
	return label === undefined ? t(key) : `${t(label)}: ${t(key)}`;
}
