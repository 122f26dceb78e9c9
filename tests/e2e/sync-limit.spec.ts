/**
 * Push body limits against a real `node build` server started with no extra env (issue 10, point 1):
 * an oversized body gets `413 payload_too_large` (Content-Length or chunked), never 500; and the
 * device's sync engine (run here in Node on fake-indexeddb, over real HTTP) drains a 2 MB outbox
 * of mixed records, each record once, while one record too large ever ends rejected on the device.
 */
import 'fake-indexeddb/auto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import http from 'node:http';
import { AppDatabase } from '../../src/lib/db/database';
import { writeRecords } from '../../src/lib/db/write';
import type { AgendaItem, DocumentRecord, Meeting } from '../../src/lib/domain/schemas';
import { SyncClient, type FetchLike } from '../../src/lib/sync/client';
import { syncOnce } from '../../src/lib/sync/engine';
import { summarise } from '../../src/lib/sync/outbox';
import { MAX_BODY_BYTES } from '../../src/lib/domain/sync/protocol';
import { makeDocument, makeMeeting, makeProcedure } from '../factories/records';
import { openApp, recordMeeting } from './support';
import {
	badge,
	createAccount,
	expectSynced,
	freePort,
	meetingsTitled,
	pullAll,
	signInUi,
	uniqueName
} from './sync-support';
import { OwnServer } from './own-server';

// The service worker as shipped: this spec goes offline, or needs its precache, its notifications or its
// push (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

let server: OwnServer;
test.beforeAll(async () => {
	server = new OwnServer(await freePort());
	await server.start();
});
test.afterAll(async () => {
	await server.kill();
});

/**
 * POST with node:http, the body in `chunkSize` writes; `chunked` leaves out Content-Length. The
 * status is read as soon as the answer's head arrives (the server may answer before the body ends).
 */
function post(
	url: string,
	token: string,
	body: string,
	chunked: boolean
): Promise<{ status: number; body: string }> {
	const bytes = Buffer.from(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					authorization: `Bearer ${token}`,
					...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': bytes.length })
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (c: string) => (text += c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
				res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
				res.on('close', () => resolve({ status: res.statusCode ?? 0, body: text }));
			}
		);
		// The server may answer and close the connection while we still send (EPIPE, ECONNRESET):
		// the answer is what counts. Without one, the request fails when its socket closes.
		let answered = false;
		let failure: Error | null = null;
		req.on('response', () => (answered = true));
		req.on('error', (e) => (failure = e));
		req.on('close', () => {
			if (!answered) reject(failure ?? new Error('closed without an answer'));
		});
		for (let i = 0; i < bytes.length; i += 16 * 1024) req.write(bytes.subarray(i, i + 16 * 1024));
		req.end();
	});
}

test('an oversized push body gets 413 payload_too_large, with Content-Length or chunked', async ({
	request
}) => {
	const admin = await createAccount(request, server.url, 'admin', null, 'limit-admin');
	const envelope = (padKiB: number) =>
		JSON.stringify({ version: 1, deviceId: 'dev', mutations: [], pad: 'x'.repeat(padKiB * 1024) });
	// Just over our limit (under the framework's 512K), and over the framework's limit.
	for (const kib of [460, 600, 2048]) {
		for (const chunked of [false, true]) {
			const r = await post(`${server.url}/api/sync/push`, admin.token, envelope(kib), chunked);
			expect(r.status, `${kib} KiB, chunked=${chunked}: ${r.body}`).toBe(413);
			expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'payload_too_large' } });
		}
	}
	// A body right at the limit is read and answered (here: rejected for its content, not its size).
	const atLimit = envelope(0).replace('"pad":""', `"pad":"${'x'.repeat(MAX_BODY_BYTES - 60)}"`);
	expect(Buffer.byteLength(atLimit)).toBeLessThanOrEqual(MAX_BODY_BYTES);
	const ok = await post(`${server.url}/api/sync/push`, admin.token, atLimit, true);
	expect(ok.status, ok.body).toBe(200);
	// The server is still up and answering.
	expect((await request.get(`${server.url}/api/health`)).status()).toBe(200);
});

const TOPIC = 'Thảo luận, cho ý kiến về kế hoạch chuyển đổi số và cải cách hành chính của xã; ';
const agenda = (n: number): AgendaItem[] =>
	Array.from({ length: n }, (_, i) => ({
		id: `a${i}`,
		title: `${i + 1}. ${TOPIC.repeat(5)}`.slice(0, 300),
		kind: 'discussion',
		plannedMinutes: 10,
		spans: []
	}));

async function device(request: APIRequestContext) {
	const staff = await createAccount(request, server.url, 'staff', 'VP', 'limit-staff');
	const db = new AppDatabase('limit-' + Math.random());
	const sizes: number[] = [];
	const statuses: number[] = [];
	const measured: FetchLike = async (input, init) => {
		if (input.endsWith('/api/sync/push') && typeof init?.body === 'string')
			sizes.push(Buffer.byteLength(init.body));
		const res = await fetch(input, init);
		if (input.endsWith('/api/sync/push')) statuses.push(res.status);
		return res;
	};
	const client = new SyncClient({ baseUrl: server.url, fetch: measured });
	const login = await client.login(staff.username, staff.password);
	let n = 0;
	const clock = {
		now: () => Date.now(),
		newId: () => `00000000-0000-7000-8000-${(0xd00000 + ++n).toString(16).padStart(12, '0')}`
	};
	const run = () =>
		syncOnce({
			db,
			client,
			token: login.body.token,
			userId: login.body.user.id,
			now: () => Date.now()
		});
	return { db, clock, run, sizes, statuses, token: login.body.token };
}

test('a 2 MB outbox of mixed records drains, each record once; one too large is rejected on the device', async ({
	request
}) => {
	const d = await device(request);
	const meetings: Meeting[] = Array.from({ length: 150 }, (_, i) =>
		makeMeeting({
			id: `lim-m-${i}`,
			unitCode: 'VP',
			title: `Họp giao ban số ${i + 1}`,
			agenda: agenda(30)
		})
	);
	const documents: DocumentRecord[] = Array.from({ length: 150 }, (_, i) =>
		makeDocument({ id: `lim-d-${i}`, unitCode: 'VP', number: `${i + 1}/KH-UBND` })
	);
	const procedures = Array.from({ length: 24 }, (_, i) =>
		makeProcedure({
			unitCode: 'VP',
			month: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
		})
	);
	const huge = makeMeeting({
		id: 'lim-huge',
		unitCode: 'VP',
		title: 'Hội nghị lớn',
		agenda: agenda(1500)
	});
	await writeRecords(d.db, 'meeting', meetings, d.clock);
	await writeRecords(d.db, 'document', documents, d.clock);
	await writeRecords(d.db, 'procedure', procedures, d.clock);
	await writeRecords(d.db, 'meeting', [huge], d.clock);

	const report = await d.run();
	const total = meetings.length + documents.length + procedures.length;
	const sent = d.sizes.reduce((a, b) => a + b, 0);
	expect(sent).toBeGreaterThan(2 * 1024 * 1024);
	expect(Math.max(...d.sizes)).toBeLessThanOrEqual(MAX_BODY_BYTES);
	expect(Math.max(...d.sizes)).toBeGreaterThan(MAX_BODY_BYTES - 32 * 1024); // packed full
	expect(d.statuses.every((s) => s === 200)).toBe(true);
	expect(report).toMatchObject({ pushed: total, rejected: 1 });

	const sum = await summarise(d.db);
	expect(sum.pendingRecords).toBe(0);
	expect(sum.rejected).toMatchObject([{ recordId: 'lim-huge', code: 'too_large' }]);

	const onServer = (await pullAll(request, server.url, d.token)).filter((c) =>
		['meeting', 'document', 'procedure'].includes(c.entity)
	);
	const ids = onServer.map((c) => c.recordId);
	expect(new Set(ids).size).toBe(ids.length);
	expect(ids.sort()).toEqual(
		[
			...meetings.map((m) => m.id),
			...documents.map((x) => x.id),
			...procedures.map((p) => p.id)
		].sort()
	);
	const m7 = onServer.find((c) => c.recordId === 'lim-m-7')!.record as Meeting;
	expect(m7.agenda).toHaveLength(30);

	// Shortened on the device, the rejected meeting goes with the next sync.
	await writeRecords(
		d.db,
		'meeting',
		[{ ...huge, agenda: agenda(40), updatedAt: huge.updatedAt + 1 }],
		d.clock
	);
	const again = await d.run();
	expect(again.pushed).toBe(2);
	expect((await summarise(d.db)).rejected).toEqual([]);
	const after = await pullAll(request, server.url, d.token);
	expect(after.filter((c) => c.recordId === 'lim-huge')).toHaveLength(1);
	d.db.close();
	await d.db.delete();
});

test('on the phone: a record the server rejects as too large is shown in Vietnamese, the others sync, an edit sends it', async ({
	page,
	request,
	baseURL
}) => {
	const acc = await createAccount(request, baseURL!, 'staff', 'VP', 'limit-ui');
	const big = uniqueName('Họp quá lớn');
	const small = uniqueName('Họp bình thường');
	// A proxy with a smaller limit: any push carrying the big meeting is answered 413.
	let rejections = 0;
	await page.route('**/api/sync/push', async (route) => {
		if ((route.request().postData() ?? '').includes(big)) {
			rejections++;
			await route.fulfill({
				status: 413,
				contentType: 'application/json',
				body: JSON.stringify({ error: { code: 'payload_too_large', message: 'too large' } })
			});
		} else await route.continue();
	});
	await openApp(page, '/meetings');
	await signInUi(page, acc);
	await page.context().setOffline(true);
	for (const title of [big, small]) await recordMeeting(page, title);
	await page.context().setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));

	await expect(badge(page)).toHaveText(/^Lỗi đồng bộ,/, { timeout: 20_000 });
	expect(rejections).toBeGreaterThanOrEqual(2); // the batch of two, then the big one alone
	await badge(page).click();
	const rejected = page.getByTestId('sync-rejected');
	await expect(rejected).toContainText(big);
	await expect(rejected).toContainText('Bản ghi quá lớn để gửi lên máy chủ');
	await expect(rejected).not.toContainText(small);
	// The big one is marked refused before the small one is sent (the batch split in halves, in
	// order): the badge says "Lỗi" while the small one may still be on its way. Nothing unsent: it went.
	await expect(page.getByTestId('sync-pending')).toHaveText('Thay đổi chưa gửi: 0');
	await badge(page).click();
	expect(meetingsTitled(await pullAll(request, baseURL!, acc.token), small)).toHaveLength(1);

	// The user edits the rejected meeting (here: a shorter title): it goes, and the mark clears.
	const edited = uniqueName('Họp đã rút gọn');
	await page.goto('/meetings');
	await page.getByRole('link', { name: big }).click();
	await page.getByRole('link', { name: 'Sửa' }).click();
	await page.getByLabel('Tên cuộc họp').fill(edited);
	await page.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByRole('heading', { name: edited })).toBeVisible();
	await expectSynced(page);
	const all = await pullAll(request, baseURL!, acc.token);
	expect(meetingsTitled(all, edited)).toHaveLength(1);
	expect(meetingsTitled(all, small)).toHaveLength(1);
});
