/**
 * /province (Sở Nội vụ), at 360 px: the province admin creates a commune on the screen; a
 * province monitor opens a deep link to a period, sees every commune worst first with who has
 * sent the report and who is overdue, filters by area, downloads the CSV and opens a sent
 * report's issued figures. A commune account is refused the screen. Communes and accounts are
 * made through the API first (the commune's final report is pushed like a phone would).
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatHlc } from '../../src/lib/domain/sync/hlc';
import { periodOf } from '../../src/lib/domain/periods';
import { expectNoAxeViolations, navTo, openControlled } from './support';
import { ADMIN_PASSWORD, apiLogin, signInUi, uniqueName } from './sync-support';

const PROVINCE_PASSWORD = 'e2e-province-password';
/** The period the screen opens on: the 6-month report of this year. */
const YEAR = new Date().getFullYear();

async function post(
	request: APIRequestContext,
	base: string,
	token: string,
	path: string,
	data: unknown
) {
	const r = await request.post(`${base}${path}`, {
		headers: { authorization: `Bearer ${token}` },
		data
	});
	expect(r.status(), await r.text()).toBeLessThan(300);
	return r.json();
}

/** A commune with its admin; with `report`, its monitor's phone sends the final 6-month report. */
async function commune(
	request: APIRequestContext,
	base: string,
	province: string,
	area: string,
	report: boolean
) {
	const id = uniqueName('xa')
		.toLowerCase()
		.replace(/[^a-z0-9-]/g, '-');
	const admin = `${id}-qt`.slice(0, 32);
	await post(request, base, province, '/api/province/communes', {
		id,
		name: `Xã ${id}`,
		area,
		parentName: 'Lạng Sơn',
		adminUsername: admin,
		adminPassword: 'mat-khau-xa-rat-dai'
	});
	if (report) {
		const token = await apiLogin(request, base, admin, 'mat-khau-xa-rat-dai');
		const period = periodOf('6month', YEAR, 0, 'decree09');
		const now = Date.now();
		await post(request, base, token, '/api/sync/push', {
			version: 1,
			deviceId: `dev-${id}`,
			mutations: [
				{
					mutationId: crypto.randomUUID(),
					entity: 'report',
					recordId: `*:6month:${YEAR}`,
					op: 'put',
					hlc: formatHlc({ wall: now, counter: 0, node: 'dev-e2e' }),
					record: {
						id: `*:6month:${YEAR}`,
						scope: '*',
						unitCode: null,
						periodKind: '6month',
						year: YEAR,
						number: 15,
						symbol: 'BC-UBND',
						issuedOn: `${YEAR}-06-16`,
						signingForm: 'tm',
						signerTitle: '',
						signerName: 'Hoàng Văn Nam',
						recipients: ['Sở Nội vụ tỉnh Lạng Sơn'],
						deployment: '',
						shortcomings: '',
						directions: '',
						proposals: '',
						status: 'final',
						issued: {
							asOf: period.end,
							period: { ...period },
							units: [],
							commune: {
								unitCode: '*',
								indicators: [
									{ code: 'online_share', value: 50, display: '50.0', target: 60, status: 'missed' }
								]
							},
							unitNames: {},
							overLimit: []
						},
						createdAt: now,
						updatedAt: now,
						deleted: false
					}
				}
			]
		});
	}
	return { id, name: `Xã ${id}`, admin };
}

test('Sở Nội vụ sees every commune for a period, who has sent, filters, exports and opens a report', async ({
	page,
	request,
	baseURL
}) => {
	const base = baseURL!;
	const province = await apiLogin(request, base, 'province', PROVINCE_PASSWORD);
	const area = `Huyện ${uniqueName('e2e')}`;
	const sent = await commune(request, base, province, area, true);
	const notSent = await commune(request, base, province, area, false);
	const monitor = uniqueName('snv');
	await post(request, base, province, '/api/province/users', {
		username: monitor,
		password: 'mat-khau-so-noi-vu',
		displayName: 'Chuyên viên Sở Nội vụ',
		role: 'province_monitor'
	});

	const pulls: string[] = [];
	page.on('request', (r) => {
		if (r.url().includes('/api/sync/')) pulls.push(r.url());
	});
	await openControlled(page, '/');
	await signInUi(page, { username: monitor, password: 'mat-khau-so-noi-vu' }, false);
	// A link to the period (deep link), then the area filter.
	await page.goto(`/province?kind=6month&year=${YEAR}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Tổng hợp kết quả các xã, phường' })
	).toBeVisible();
	const list = page.getByTestId('province-communes');
	await expect(list.locator(`[data-commune="${sent.id}"]`)).toContainText('Đã gửi báo cáo');
	await expect(list.locator(`[data-commune="${sent.id}"]`)).toContainText(
		`Số 15/BC-UBND, ngày 16/06/${YEAR}`
	);
	await expect(page.getByText(`Hạn gửi báo cáo: 14/06/${YEAR}.`)).toBeVisible();
	await page.getByLabel('Huyện, khu vực').selectOption({ label: area });
	await expect(page).toHaveURL(/area=/);
	await expect(list.getByRole('listitem').filter({ has: page.locator('h3') })).toHaveCount(2);
	await expect(list.locator(`[data-commune="${notSent.id}"]`)).toHaveAttribute(
		'data-state',
		new Date() > new Date(`${YEAR}-06-14T23:59:59+07:00`) ? 'overdue' : 'missing'
	);
	await expect(page.getByTestId('province-counts')).toHaveText(/Đã gửi báo cáo: 1\/2 xã, phường/);
	// Fits 360 px: nothing wider than the screen.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await expectNoAxeViolations(page);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Tải tệp CSV' }).click();
	const file = await download;
	const csv = readFileSync((await file.path())!, 'utf8');
	expect(csv).toContain(`${sent.id},Xã ${sent.id},${area},6month,${YEAR}`);
	expect(csv).toContain(',sent,');

	await list
		.locator(`[data-commune="${sent.id}"]`)
		.getByRole('button', { name: /^Xem số liệu báo cáo đã gửi/ })
		.click();
	await expect(page.getByTestId('issued-figures')).toContainText(
		'Tỷ lệ hội nghị trực tuyến: 50,0% — Không đạt'
	);
	await expectNoAxeViolations(page);
	// A province account's device never pulls commune records (no sync runs for it).
	expect(pulls).toEqual([]);
});

test('the province admin creates a commune and its first admin on the screen; a commune admin is refused', async ({
	page,
	browser
}) => {
	await openControlled(page, '/');
	await signInUi(page, { username: 'province', password: PROVINCE_PASSWORD }, false);
	await navTo(page, 'Toàn tỉnh');
	await expect(page).toHaveURL(/\/province/);
	const form = page.getByRole('form', { name: 'Tạo xã, phường mới' });
	const id = uniqueName('xa-moi')
		.toLowerCase()
		.replace(/[^a-z0-9-]/g, '-');
	await form.getByLabel('Mã xã, phường').fill('Sai mã');
	await form.getByRole('button', { name: 'Tạo xã, phường' }).click();
	await expect(form.getByText('Không đúng định dạng.')).toBeVisible();
	await form.getByLabel('Mã xã, phường').fill(id);
	await form.getByLabel('Tên xã, phường').fill('Xã Tân Thành');
	await form.getByLabel('Huyện, khu vực (không bắt buộc)').fill('Huyện Bình Gia');
	await form.getByLabel('Tên đăng nhập của quản trị xã').fill(`${id}-qt`.slice(0, 32));
	await form.getByLabel('Mật khẩu của quản trị xã').fill('mat-khau-quan-tri-xa');
	await form.getByRole('button', { name: 'Tạo xã, phường' }).click();
	await expect(form.getByText(/^Đã tạo Xã Tân Thành và tài khoản quản trị/)).toBeVisible();
	await expect(page.locator(`[data-commune="${id}"]`)).toContainText('Xã Tân Thành');
	await expectNoAxeViolations(page);

	// The default commune's admin: the screen is not theirs.
	const other = await browser.newPage({ viewport: { width: 360, height: 640 } });
	await openControlled(other, '/');
	await signInUi(other, { username: 'admin', password: ADMIN_PASSWORD });
	await other.goto('/province');
	await expect(other.getByTestId('province-refused')).toBeVisible();
	await other.close();
});
