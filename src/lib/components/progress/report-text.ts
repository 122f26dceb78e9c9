/** Texts of the printed report's header: issuing body, place and date. */
import { t } from '$lib/i18n/index.svelte';

/** 'Xã Tân Lập' or 'Tân Lập' -> 'Tân Lập'. */
export function placeName(communeName: string): string {
	return communeName.trim().replace(/^xã\s+/i, '');
}

/** 'UBND XÃ TÂN LẬP' (or dots when the commune has not been named in Settings). */
export function issuingBody(communeName: string): string {
	const place = placeName(communeName);
	return place === ''
		? t('reports.bodyBlank')
		: t('reports.body', { name: place.toLocaleUpperCase('vi-VN') });
}

/** '<place>, ngày dd tháng MM năm yyyy' of a local date. */
export function placeDate(communeName: string, localDate: string): string {
	const [y = '', m = '', d = ''] = localDate.split('-');
	return t('reports.placeDate', { place: placeName(communeName) || '……', d, m, y });
}
