/**
 * Helpers for the sync e2e specs: accounts via the admin API, phones as browser contexts, sign-in
 * and sign-out, badge checks, pushes and pulls through the API, free ports.
 */
import {
	expect,
	type APIRequestContext,
	type Browser,
	type Page,
	type Request,
	type Response
} from '@playwright/test';
import net from 'node:net';
import { formatHlc } from '../../src/lib/domain/sync/hlc';
import { rowsOnDevice } from './support';

export const ADMIN_PASSWORD = 'e2e-admin-password';

let counter = 0;
/** A username unique within the shared e2e server's lifetime. */
export const uniqueName = (prefix: string): string =>
	`${prefix}-${Date.now().toString(36)}${(++counter).toString(36)}`.slice(0, 32);

export async function apiLogin(
	request: APIRequestContext,
	base: string,
	username: string,
	password: string
): Promise<string> {
	const r = await request.post(`${base}/api/auth/login`, { data: { username, password } });
	expect(r.status(), await r.text()).toBe(200);
	return ((await r.json()) as { token: string }).token;
}

export interface Account {
	/** The server's id of the account (for /api/users/:id). */
	id: string;
	username: string;
	password: string;
	token: string;
}

/** Create a user as admin and sign it in through the API (for its token). */
export async function createAccount(
	request: APIRequestContext,
	base: string,
	role: 'admin' | 'monitor' | 'unit_head' | 'staff',
	unitCode: string | null,
	prefix: string = role,
	adminPassword = ADMIN_PASSWORD
): Promise<Account> {
	const admin = await apiLogin(request, base, 'admin', adminPassword);
	const username = uniqueName(prefix);
	const password = `${username}-pw-123`;
	const r = await request.post(`${base}/api/users`, {
		headers: { authorization: `Bearer ${admin}` },
		data: { username, password, role, unitCode, displayName: username }
	});
	expect(r.status(), await r.text()).toBe(201);
	const { id } = ((await r.json()) as { user: { id: string } }).user;
	return { id, username, password, token: await apiLogin(request, base, username, password) };
}

/**
 * The day of the meetings a spec seeds on the shared e2e server through the API: in 2024, a year
 * no report or dashboard spec reads. At makeMeeting's default (02/03/2026) they would enter the
 * default commune's first half of 2026, whose figures report-sync.spec counts (its online share
 * read 0/3 for 0/1 when account-change seeded there), and whether they did would hang on the
 * order the files run in.
 */
export const OFF_REPORT_DAY = '2024-10-07';

/**
 * A put of `record` as the phone `deviceId` sends it: a fresh mutation id, the clock at `now`
 * with `counter`, `createdAt` and `updatedAt` stamped `now` (`keepCreatedAt`: the record's own
 * createdAt stays, as for a record pulled and changed). The record id is `record.id` unless
 * `recordId` says otherwise (a unit's is its code).
 */
export function putMutation(
	deviceId: string,
	entity: string,
	record: object,
	counter: number,
	{
		now = Date.now(),
		recordId = String((record as { id?: unknown }).id),
		keepCreatedAt = false
	}: { now?: number; recordId?: string; keepCreatedAt?: boolean } = {}
) {
	return {
		mutationId: crypto.randomUUID(),
		entity,
		recordId,
		op: 'put' as const,
		hlc: formatHlc({ wall: now, counter, node: deviceId }),
		record: keepCreatedAt
			? { ...record, updatedAt: now }
			: { ...record, createdAt: now, updatedAt: now }
	};
}

/** Push `mutations` as the phone `deviceId` of `token`'s account; every one must be applied. */
export async function pushApplied(
	request: APIRequestContext,
	base: string,
	token: string,
	deviceId: string,
	mutations: unknown[]
): Promise<void> {
	const r = await request.post(`${base}/api/sync/push`, {
		headers: { authorization: `Bearer ${token}` },
		data: { version: 1, deviceId, mutations }
	});
	expect(r.status(), await r.text()).toBe(200);
	const { results } = (await r.json()) as { results: { status: string; reason?: string }[] };
	expect(results.map((x) => x.status)).toEqual(mutations.map(() => 'applied'));
}

export interface PulledChange {
	entity: string;
	recordId: string;
	record: Record<string, unknown>;
	deleted: boolean;
}

/** Everything the token may read, all pages. */
export async function pullAll(
	request: APIRequestContext,
	base: string,
	token: string
): Promise<PulledChange[]> {
	const out: PulledChange[] = [];
	let cursor = 0;
	for (let i = 0; i < 1000; i++) {
		const r = await request.post(`${base}/api/sync/pull`, {
			headers: { authorization: `Bearer ${token}` },
			data: { version: 1, cursor, limit: 1000 }
		});
		expect(r.status()).toBe(200);
		const body = (await r.json()) as { changes: PulledChange[]; cursor: number; hasMore: boolean };
		out.push(...body.changes);
		cursor = body.cursor;
		if (!body.hasMore) break;
	}
	return out;
}

export const meetingsTitled = (changes: PulledChange[], title: string) =>
	changes.filter((c) => c.entity === 'meeting' && c.record.title === title);

/**
 * A phone: its own browser context (own IndexedDB, own service worker where allowed), 360 px,
 * Vietnamese.
 */
export async function newPhone(
	browser: Browser,
	baseURL: string,
	{ offlineShell = false }: { offlineShell?: boolean } = {}
): Promise<Page> {
	const ctx = await browser.newContext({
		baseURL,
		// The suite blocks the service worker but in the offline shell's specs (playwright.config.ts);
		// `offlineShell` gives a phone that opens a screen while offline its worker in any spec.
		...(offlineShell ? { serviceWorkers: 'allow' as const } : {}),
		viewport: { width: 360, height: 640 },
		hasTouch: true,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh'
	});
	return ctx.newPage();
}

/** Sign in through the login screen and wait for the first sync to finish. */
export async function signInUi(
	page: Page,
	account: Pick<Account, 'username' | 'password'>,
	waitSynced = true
) {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(account.username);
	await page.getByLabel('Mật khẩu').fill(account.password);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByText('Đã đăng nhập. Đang đồng bộ dữ liệu…')).toBeVisible();
	if (waitSynced) await expectSynced(page);
}

/**
 * Fill the login form as `signInUi` does, but expect the phone to refuse the sign-in: its alert
 * says exactly `refusal`, and the sign-in's "Đã đăng nhập" never shows.
 */
export async function signInRefusedUi(
	page: Page,
	account: Pick<Account, 'username' | 'password'>,
	refusal: string
): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill(account.username);
	await page.getByLabel('Mật khẩu').fill(account.password);
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText(refusal);
	await expect(page.getByText('Đã đăng nhập. Đang đồng bộ dữ liệu…')).toHaveCount(0);
}

export const badge = (page: Page) => page.getByTestId('sync-badge');

/**
 * Press "Đăng xuất" on the login screen. By default the sign-out must go through: the message says
 * the account's data left the phone and the badge says nobody is signed in. With `false` it only
 * presses (a test that expects the refusal checks it itself).
 */
export async function signOutUi(page: Page, expectSignedOut = true): Promise<void> {
	await page.goto('/login');
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	if (!expectSignedOut) return;
	await expect(
		page.getByText(
			'Đã đăng xuất. Dữ liệu của tài khoản đã được xóa khỏi máy này; đăng nhập lại để tải về.'
		)
	).toBeVisible();
	await expect(badge(page)).toHaveText(/^Chưa đăng nhập,/);
}

/**
 * The device's unsent changes: outbox entries the server has not refused (as the badge counts
 * them, sync/outbox.ts `summarise`).
 */
const unsentOnDevice = async (page: Page): Promise<number> =>
	(await rowsOnDevice<{ rejected?: unknown }>(page, 'outbox')).filter((e) => !e.rejected).length;

/**
 * Nothing unsent and no sync running. The outbox is read first: right after a write the badge can
 * still show the "Đã đồng bộ" of before it (the badge and the screen are two live queries after the
 * same commit), and a test that then reads the server or closes the phone would miss the change.
 */
export async function expectSynced(page: Page, timeout = 20_000): Promise<void> {
	await expect
		.poll(() => unsentOnDevice(page), { message: 'nothing unsent on the device', timeout })
		.toBe(0);
	await expect(badge(page)).toHaveText(/^Đã đồng bộ,/, { timeout });
}

/**
 * The account's first pull has finished: the panel names a last successful sync (the badge alone
 * says "Đã đồng bộ" as soon as nothing is unsent, before the first pull is in).
 */
export async function expectPulled(page: Page, timeout = 20_000): Promise<void> {
	await badge(page).click();
	await expect(page.getByText(/^Đồng bộ thành công lần cuối: \d/)).toBeVisible({ timeout });
	await badge(page).click();
}

export async function expectPending(page: Page, n: number): Promise<void> {
	await expect(badge(page)).toHaveText(new RegExp(`^${n} chưa gửi,`));
}

/**
 * Open the status panel, press "Đồng bộ ngay", close it. Waits for nothing after the press: an
 * `expectSynced` right after it may still read the badge of before the run the press started (the
 * run sets "Đang đồng bộ" only once it holds the lock); `syncNowDoneUi` waits for that run.
 */
export async function syncNowUi(page: Page): Promise<void> {
	await badge(page).click();
	await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
	await badge(page).click();
}

/**
 * Counts, from the call on, the sync runs the phone begins that it was asked for (the sign-in's,
 * the app's start, the live stream's `ready`, "Đồng bộ ngay", the network back): each first asks
 * the server who the account is now, `GET /api/auth/me` (state/sync-scheduler.ts,
 * `accountCheckDue`), the run already marked as going (no "Đã đồng bộ" on the badge until it ends);
 * counted when the server has answered 200.
 * The server's side of the phone's runs: the screen counts none. A new document (a page load)
 * starts the count again: a run of the page before it ended with that page.
 */
function watchAskedRuns(page: Page): { count: () => number; stop: () => void } {
	let n = 0;
	let sent = new Set<Request>();
	const onRequest = (r: Request) => {
		if (new URL(r.url()).pathname === '/api/auth/me') sent.add(r);
	};
	const onResponse = (res: Response) => {
		if (sent.has(res.request()) && res.status() === 200) n++;
	};
	// A new document (not a client-side navigation, which keeps the app and its runs).
	const onLoaded = () => {
		sent = new Set();
		n = 0;
	};
	page.on('request', onRequest);
	page.on('response', onResponse);
	page.on('domcontentloaded', onLoaded);
	return {
		count: () => n,
		stop: () => {
			page.off('request', onRequest);
			page.off('response', onResponse);
			page.off('domcontentloaded', onLoaded);
		}
	};
}

/**
 * Do `start` (a sign-in, or a page load of a signed-in commune account), then wait until both sync
 * runs it leads to are over: its own (the sign-in's, or the app's start), and the one the live
 * stream's `ready` asks for once it is connected (a run going on then is followed by one more:
 * state/sync-scheduler.ts). Both have begun (`watchAskedRuns`), then the badge says synced. After
 * it no run is going or about to start, unless something new calls for one (a write, another
 * phone's change, the minute's timer). `signInUi`'s "Đã đồng bộ" says only that the first is over.
 */
export async function settledAfter(
	page: Page,
	start: () => Promise<unknown>,
	timeout = 20_000
): Promise<void> {
	const runs = watchAskedRuns(page);
	try {
		await start();
		await expect
			.poll(runs.count, {
				message: 'two runs begun: the sign-in’s or the start’s, and the live stream’s',
				timeout
			})
			.toBeGreaterThanOrEqual(2);
	} finally {
		runs.stop();
	}
	await expectSynced(page, timeout);
}

/**
 * Press "Đồng bộ ngay" and wait until the run it asked for is over: it has begun since the press
 * (`watchAskedRuns`), so it pulled what the server held at the press, and the badge says synced
 * again. For a press whose run cannot reach the server, or never runs, use `syncNowUi`.
 *
 * The button is disabled while a run goes on. A run of the phone's own (another phone's change
 * pokes it) can begin between Playwright's check that the button is enabled and its click: the
 * click then lands on a disabled button and is lost, as a user's tap would be, and that run does
 * not ask who the account is. So a press followed by no run for a while is pressed again, as the
 * user would (a second press during a run waits for the button, then asks for one more run).
 */
export async function syncNowDoneUi(page: Page, timeout = 20_000): Promise<void> {
	const runs = watchAskedRuns(page);
	try {
		await expect(async () => {
			if (runs.count() >= 1) return;
			await syncNowUi(page);
			await expect
				.poll(runs.count, { message: 'a run begun since the press', timeout: 5_000 })
				.toBeGreaterThanOrEqual(1);
		}).toPass({ timeout });
	} finally {
		runs.stop();
	}
	await expectSynced(page, timeout);
}

/** A port nobody listens on now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}
