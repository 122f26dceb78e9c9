/** Codes of the indicator spec (indicators.md, version 2). The one list every layer uses. */

export const MEETING_CATEGORIES = ['quan_triet', 'chuyen_mon', 'thao_luan', 'hop'] as const;
export type MeetingCategory = (typeof MEETING_CATEGORIES)[number];
/** The first three categories are conferences (hội nghị); `hop` is a working meeting. */
export const isConference = (c: MeetingCategory): boolean => c !== 'hop';

export const MEETING_FORMATS = ['truc_tuyen', 'truc_tiep', 'ket_hop'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
/** Hybrid counts as online. */
export const isOnlineFormat = (f: MeetingFormat): boolean => f === 'truc_tuyen' || f === 'ket_hop';

/**
 * The unit's role (v2): `chu_tri` organises the meeting, `tham_du` attends another body's meeting.
 * Only organised meetings count in the meeting indicators; a record without a role (older clients,
 * older backups and files) means `chu_tri`.
 */
export const MEETING_ROLES = ['chu_tri', 'tham_du'] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];
export const DEFAULT_MEETING_ROLE: MeetingRole = 'chu_tri';
/** True unless the meeting is one the unit only attends (a missing role reads as `chu_tri`). */
export const isOrganised = (m: { role?: MeetingRole | undefined }): boolean => m.role !== 'tham_du';
/** The role of a stored meeting, `chu_tri` when it has none. */
export const roleOf = (m: { role?: MeetingRole | undefined }): MeetingRole =>
	isOrganised(m) ? DEFAULT_MEETING_ROLE : 'tham_du';

export const MEETING_STATUSES = ['planned', 'in_progress', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const DOCUMENT_KINDS = [
	'qppl',
	'ke_hoach',
	'quyet_dinh',
	'cong_van',
	'bao_cao',
	'thong_bao',
	'to_trinh',
	'giay_moi',
	'khac'
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** Administrative documents are every kind except `qppl`. */
export const isAdministrative = (k: DocumentKind): boolean => k !== 'qppl';

export const UNIT_KINDS = ['department', 'hamlet'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Statutory duration limits in minutes; `hop` has none unless the commune sets one. */
export const DEFAULT_LIMITS: Record<MeetingCategory, number | null> = {
	quan_triet: 240,
	chuyen_mon: 480,
	thao_luan: 720,
	hop: null
};
export const DEFAULT_WARNING_LEAD_MINUTES = 15;

/** In the spec's fixed order ("Order of the indicators"): report.csv and every screen list them so. */
export const INDICATORS = [
	'conferences_held',
	'conferences_attended',
	'online_share',
	'conference_reduction',
	'document_reduction',
	'electronic_share',
	'incoming_electronic_share',
	'digital_procedures_share',
	'digitized_share',
	'duration_compliance_share',
	'paperless_share'
] as const;
export type IndicatorCode = (typeof INDICATORS)[number];

export const DEFAULT_TARGETS: Record<IndicatorCode, number | null> = {
	conferences_held: null,
	conferences_attended: null,
	online_share: 60,
	conference_reduction: 10,
	document_reduction: 15,
	electronic_share: 100,
	incoming_electronic_share: 95,
	digital_procedures_share: 95,
	digitized_share: 95,
	duration_compliance_share: 100,
	paperless_share: null
};

export const STATUSES = ['met', 'missed', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type IndicatorStatus = (typeof STATUSES)[number];

export const PERIOD_MODES = ['decree09', 'calendar'] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];
