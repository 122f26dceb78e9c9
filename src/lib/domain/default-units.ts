/**
 * The built-in units: the sample commune's units.csv (tests/fixtures/sample-commune), used until the
 * commune edits its own, except that the office is written "Văn phòng HĐND và UBND xã" as official
 * text writes it (the sample keeps its "&"). Only new data gets this name: a stored name is never
 * rewritten.
 */
import type { UnitKind } from './codes';

export const DEFAULT_UNITS: readonly { code: string; name: string; kind: UnitKind }[] = [
	{ code: 'VP', name: 'Văn phòng HĐND và UBND xã', kind: 'department' },
	{ code: 'VHXH', name: 'Phòng Văn hóa - Xã hội', kind: 'department' },
	{ code: 'KT', name: 'Phòng Kinh tế', kind: 'department' },
	{ code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', kind: 'department' },
	{ code: 'TTDV', name: 'Trung tâm Dịch vụ tổng hợp', kind: 'department' },
	{ code: 'THON01', name: 'Thôn 1', kind: 'hamlet' },
	{ code: 'THON02', name: 'Thôn 2', kind: 'hamlet' },
	{ code: 'THON03', name: 'Thôn 3', kind: 'hamlet' },
	{ code: 'THON04', name: 'Thôn 4', kind: 'hamlet' },
	{ code: 'THON05', name: 'Thôn 5', kind: 'hamlet' },
	{ code: 'THON06', name: 'Thôn 6', kind: 'hamlet' }
];

/** Names the built-in units had in earlier versions, still untouched defaults where a device kept them. */
export const EARLIER_DEFAULT_NAMES: Readonly<Record<string, readonly string[]>> = {
	VP: ['Văn phòng HĐND & UBND xã']
};
