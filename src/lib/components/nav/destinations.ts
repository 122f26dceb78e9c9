/**
 * Where the app's screens are reached from: four destinations and "More" on the bottom bar,
 * everything else listed on /more. A route added to the app gets a line here (and its texts in
 * messages/core.ts), so it is never left without a way in.
 */
import type { MessageKey } from '$lib/i18n/messages';

export type Icon =
	'meetings' | 'documents' | 'dashboard' | 'reports' | 'province' | 'accounts' | 'more';

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
	/** Shown to the accounts that manage accounts: a commune's admin, the province admin. */
	adminOnly?: boolean;
	/** Shown to the province accounts (Sở Nội vụ) only. */
	provinceOnly?: boolean;
	/** A commune's own data: not shown to the province accounts (they hold no commune records). */
	communeOnly?: boolean;
}

export const MORE_ITEMS: readonly MoreItem[] = [
	{ href: '/province', label: 'nav.province', hint: 'more.province', provinceOnly: true },
	{ href: '/procedures', label: 'nav.procedures', hint: 'more.procedures', communeOnly: true },
	{ href: '/incoming', label: 'nav.incoming', hint: 'more.incoming', communeOnly: true },
	{ href: '/plans', label: 'nav.plans', hint: 'more.plans', communeOnly: true },
	{ href: '/units', label: 'nav.units', hint: 'more.units', communeOnly: true },
	{ href: '/import', label: 'nav.import', hint: 'more.import', communeOnly: true },
	{ href: '/settings', label: 'nav.settings', hint: 'more.settings', communeOnly: true },
	{ href: '/users', label: 'users.link', hint: 'more.users', adminOnly: true },
	{ href: '/login', label: 'nav.login', hint: 'more.login' }
];

/**
 * The province roles (Sở Nội vụ), as in $lib/domain/users (PROVINCE_ROLES). Repeated here so the
 * bottom bar, on the first screen, does not load zod with that module.
 */
export const isProvinceAccount = (role: string | null | undefined): boolean =>
	role === 'province_admin' || role === 'province_monitor';
const managesAccounts = (role: string | null | undefined): boolean =>
	role === 'admin' || role === 'province_admin';

/**
 * The /more list for a signed-in role (null: not signed in). Signed in, /login is the account's
 * page ("Tài khoản / Đăng xuất"), not a second sign-in (clerk review 19).
 */
export function moreItemsFor(role: string | null | undefined): MoreItem[] {
	const province = isProvinceAccount(role);
	return MORE_ITEMS.filter(
		(i) =>
			(!i.adminOnly || managesAccounts(role)) &&
			(!i.provinceOnly || province) &&
			(!i.communeOnly || !province)
	).map((i) =>
		i.href === '/login' && role ? { ...i, label: 'more.account', hint: 'more.accountHint' } : i
	);
}

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

/**
 * The province accounts' bar: the province view is their home, the province admin manages the
 * province accounts, and none of the commune's registers (they hold no commune records).
 */
export const PROVINCE_BAR_ITEMS: readonly BarItem[] = [
	{ href: '/province', label: 'nav.province', icon: 'province' },
	{ href: '/users', label: 'nav.accounts', icon: 'accounts' },
	{ href: '/more', label: 'nav.more', icon: 'more', also: ['/login', '/password'] }
];

/** The bar for a signed-in role (null: not signed in, the commune's bar). */
export function barItemsFor(role: string | null | undefined): readonly BarItem[] {
	if (!isProvinceAccount(role)) return BAR_ITEMS;
	return role === 'province_admin'
		? PROVINCE_BAR_ITEMS
		: PROVINCE_BAR_ITEMS.filter((i) => i.href !== '/users');
}

const under = (path: string, href: string): boolean => path === href || path.startsWith(href + '/');

/** The bar item a path belongs to (null on the home page). */
export function currentBarItem(
	path: string,
	items: readonly BarItem[] = BAR_ITEMS
): BarItem | null {
	return items.find((i) => under(path, i.href) || i.also?.some((a) => under(path, a))) ?? null;
}
