/**
 * Where the app's screens are reached from: four destinations and "More" on the bottom bar,
 * everything else listed on /more. A route added to the app gets a line here (and its texts in
 * messages/core.ts), so it is never left without a way in.
 */
import type { MessageKey } from '$lib/i18n/messages';

export type Icon = 'meetings' | 'documents' | 'dashboard' | 'reports' | 'more';

export interface BarItem {
	href: string;
	label: MessageKey;
	icon: Icon;
	/** Other paths under which this item is the current one. */
	also?: readonly string[];
}

export interface MoreItem {
	href: string;
	label: MessageKey;
	hint: MessageKey;
	adminOnly?: boolean;
	/** Shown to the province accounts (Sở Nội vụ) only. */
	provinceOnly?: boolean;
}

export const MORE_ITEMS: readonly MoreItem[] = [
	{ href: '/province', label: 'nav.province', hint: 'more.province', provinceOnly: true },
	{ href: '/procedures', label: 'nav.procedures', hint: 'more.procedures' },
	{ href: '/incoming', label: 'nav.incoming', hint: 'more.incoming' },
	{ href: '/plans', label: 'nav.plans', hint: 'more.plans' },
	{ href: '/units', label: 'nav.units', hint: 'more.units' },
	{ href: '/import', label: 'nav.import', hint: 'more.import' },
	{ href: '/settings', label: 'nav.settings', hint: 'more.settings' },
	{ href: '/users', label: 'users.link', hint: 'more.users', adminOnly: true },
	{ href: '/login', label: 'nav.login', hint: 'more.login' }
];

export const BAR_ITEMS: readonly BarItem[] = [
	{ href: '/meetings', label: 'nav.meetings', icon: 'meetings' },
	{ href: '/documents', label: 'nav.documents', icon: 'documents' },
	{ href: '/dashboard', label: 'nav.dashboard', icon: 'dashboard' },
	{ href: '/reports', label: 'nav.reports', icon: 'reports' },
	{
		href: '/more',
		label: 'nav.more',
		icon: 'more',
		also: [...MORE_ITEMS.map((i) => i.href), '/password']
	}
];

const under = (path: string, href: string): boolean => path === href || path.startsWith(href + '/');

/** The bar item a path belongs to (null on the home page). */
export function currentBarItem(path: string): BarItem | null {
	return BAR_ITEMS.find((i) => under(path, i.href) || i.also?.some((a) => under(path, a))) ?? null;
}
