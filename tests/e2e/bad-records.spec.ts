import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support';

/** Epoch ms of a local time in UTC+7. */
const at = (date: string, time: string): number => Date.parse(`${date}T${time}:00+07:00`);

function meeting(id: string, title: string, day: string, date = day, end?: number) {
	const start = at(day, '08:00');
	return {
		id,
		unitCode: 'VP',
		title,
		category: 'hop',
		format: 'truc_tiep',
		paperless: false,
		status: 'held',
		sittings: [{ start, end: end ?? start + 3_600_000 }],
		plannedMinutes: null,
		attendees: 10,
		chair: '',
		location: '',
		notes: '',
		agenda: [],
		date,
		createdAt: start,
		updatedAt: start,
		deleted: false
	};
}

/** Writes records straight into the app's IndexedDB, as an older app or a restore could have. */
async function putMeetings(page: Page, rows: unknown[]): Promise<void> {
	await page.evaluate(async (records) => {
		const req = indexedDB.open('so-hop-534');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const tx = db.transaction('meetings', 'readwrite');
		for (const r of records) tx.objectStore('meetings').put(r);
		await new Promise<void>((resolve, reject) => {
			tx.oncomplete = () => resolve();
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, rows);
}

test('a meeting whose date is not its first sitting’s date, and one ending at 9e15 ms, never blank the list', async ({
	page
}, testInfo) => {
	await page.goto('/meetings');
	await expect(page.getByRole('heading', { level: 1, name: 'Cuộc họp' })).toBeVisible();
	// The app opens its database after the heading has painted: wait until the list has read it.
	await expect(page.getByText('Chưa có cuộc họp nào.')).toBeVisible();
	await putMeetings(page, [
		meeting('m-mar', 'Giao ban tháng 3', '2026-03-02'),
		meeting('m-feb', 'Giao ban tháng 2', '2026-02-25'),
		// Sorted by start it falls after February's meeting but claims March: a second March group.
		meeting('m-bad-date', 'Họp sai ngày', '2026-02-20', '2026-03-05'),
		meeting('m-far', 'Họp sai giờ', '2026-01-15', '2026-01-15', 9e15),
		meeting('m-jan', 'Giao ban tháng 1', '2026-01-10')
	]);
	await page.reload();

	await expect(page.getByText('3 cuộc họp', { exact: true })).toBeVisible();
	for (const title of ['Giao ban tháng 3', 'Giao ban tháng 2', 'Giao ban tháng 1'])
		await expect(page.getByRole('link', { name: title })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Tháng 3/2026' })).toHaveCount(1);

	const note = page.getByTestId('invalid-note');
	await expect(note).toContainText('2 bản ghi không hợp lệ đã bị bỏ qua');
	await note.getByText('Bản ghi không hợp lệ', { exact: true }).click();
	await expect(note.getByRole('link', { name: 'Họp sai ngày' })).toBeVisible();
	await expect(note).toContainText('Ngày họp không khớp với ngày của phiên họp đầu tiên');
	await expect(note.getByRole('link', { name: 'Họp sai giờ' })).toBeVisible();
	await expect(note).toContainText('Thời điểm phải trong khoảng từ 01/01/2000');
	await expectNoAxeViolations(page);

	// The CSV export still writes the good meetings and names the one it left out.
	await page.goto('/import');
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Cuộc họp (meetings.csv)' }).click()
	]);
	const path = testInfo.outputPath(file.suggestedFilename());
	await file.saveAs(path);
	const csv = readFileSync(path, 'utf8');
	for (const title of ['Giao ban tháng 3', 'Giao ban tháng 2', 'Giao ban tháng 1'])
		expect(csv).toContain(title);
	expect(csv).not.toContain('Họp sai giờ');
	await expect(page.getByTestId('export-skipped')).toContainText('Họp sai giờ');
});
