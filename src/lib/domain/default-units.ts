/** The built-in units: the sample commune's units.csv (tests/fixtures/sample-commune), used until the commune edits its own. */
import type { UnitKind } from './codes';

export const DEFAULT_UNITS: readonly { code: string; name: string; kind: UnitKind }[] = [
	{ code: 'VP', name: 'Văn phòng HĐND & UBND xã', kind: 'department' },
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
