/** Codes of ../shared/spec/indicators.md. The one list every layer uses. */

export const MEETING_CATEGORIES = ['quan_triet', 'chuyen_mon', 'thao_luan', 'hop'] as const;
export type MeetingCategory = (typeof MEETING_CATEGORIES)[number];
/** The first three categories are conferences (hội nghị); `hop` is a working meeting. */
export const CONFERENCE_CATEGORIES: readonly MeetingCategory[] = [
	'quan_triet',
	'chuyen_mon',
	'thao_luan'
];
export const isConference = (c: MeetingCategory): boolean => c !== 'hop';

export const MEETING_FORMATS = ['truc_tuyen', 'truc_tiep', 'ket_hop'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
/** Hybrid counts as online. */
export const isOnlineFormat = (f: MeetingFormat): boolean => f === 'truc_tuyen' || f === 'ket_hop';

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

export const INDICATORS = [
	'conferences_held',
	'online_share',
	'conference_reduction',
	'document_reduction',
	'electronic_share',
	'digital_procedures_share',
	'digitized_share',
	'duration_compliance_share',
	'paperless_share'
] as const;
export type IndicatorCode = (typeof INDICATORS)[number];

export const DEFAULT_TARGETS: Record<IndicatorCode, number | null> = {
	conferences_held: null,
	online_share: 60,
	conference_reduction: 10,
	document_reduction: 15,
	electronic_share: 100,
	digital_procedures_share: 95,
	digitized_share: 95,
	duration_compliance_share: 100,
	paperless_share: null
};

export const STATUSES = ['met', 'missed', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type IndicatorStatus = (typeof STATUSES)[number];

export const PERIOD_MODES = ['decree09', 'calendar'] as const;
export type PeriodMode = (typeof PERIOD_MODES)[number];
