import { expect, test } from '@playwright/test';
import {
	answerNextDialog,
	expectNoAxeViolations,
	expectNoSidewaysScroll,
	fillProcedures,
	navTo,
	openApp
} from './support';

test('units: create, rename and archive; an archived unit leaves the pickers', async ({ page }) => {
	await openApp(page, '/units');
	await expect(page.getByRole('heading', { name: /Đang dùng \(11\)/ })).toBeVisible();
	await page.getByLabel('Mã đơn vị').fill('thon07');
	await page.getByLabel('Tên đơn vị').fill('Thôn 7');
	await page.getByLabel('Loại đơn vị').selectOption({ label: 'Thôn' });
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByText('Đã thêm đơn vị Thôn 7.')).toBeVisible();

	const item = page.getByRole('listitem').filter({ hasText: 'THON07' });
	await expect(item).toContainText('Thôn 7');
	await item.getByRole('button', { name: 'Đổi tên Thôn 7' }).click();
	await item.getByLabel(/Tên mới/).fill('Thôn Bảy');
	await item.getByRole('button', { name: 'Lưu' }).click();
	await expect(page.getByText('Đã đổi tên thành Thôn Bảy.')).toBeVisible();
	await expect(item).toContainText('Thôn Bảy');

	// The same code cannot be added twice.
	await page.getByLabel('Mã đơn vị').fill('THON07');
	await page.getByLabel('Tên đơn vị').fill('Trùng');
	await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
	await expect(page.getByText('Mã đơn vị này đã có.')).toBeVisible();

	await item.getByRole('button', { name: 'Lưu trữ Thôn Bảy' }).click();
	await expect(page.getByRole('heading', { name: 'Đã lưu trữ (1)' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Đã lưu trữ (1)' })).toContainText('Thôn Bảy');
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	await page.goto('/documents/new');
	await expect(page.getByLabel('Đơn vị ban hành')).toHaveValue('VP');
	await expect(
		page.getByLabel('Đơn vị ban hành').locator('option', { hasText: 'Thôn Bảy' })
	).toHaveCount(0);
	await expect(
		page.getByLabel('Đơn vị ban hành').locator('option', { hasText: 'Thôn 1' })
	).toHaveCount(1);
});

test('plans: a plan above the cap is flagged at once and after saving', async ({ page }) => {
	await openApp(page, '/plans');
	const vp = page.getByRole('form', { name: 'Văn phòng HĐND và UBND xã' });
	await vp.getByLabel('Hội nghị năm trước').fill('12');
	await vp.getByLabel('Văn bản hành chính năm trước').fill('47');
	await expect(vp.getByTestId('caps-VP')).toContainText('Hội nghị tối đa: 10');
	await expect(vp.getByTestId('caps-VP')).toContainText('Văn bản tối đa: 39');
	await vp.getByLabel('Hội nghị dự kiến năm nay').fill('11');
	await expect(vp.getByTestId('cap-flag-VP')).toHaveText(
		'✗ Vượt mức tối đa: dự kiến 11 hội nghị, tối đa 10.'
	);
	await vp.getByRole('button', { name: /^Lưu/ }).click();
	await expect(vp.getByText('Đã lưu kế hoạch Văn phòng HĐND và UBND xã.')).toBeVisible();
	await expect(page.getByTestId('commune-planned')).toContainText('Vượt mức tối đa');
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	await page.reload();
	const again = page.getByRole('form', { name: 'Văn phòng HĐND và UBND xã' });
	await expect(again.getByLabel('Hội nghị dự kiến năm nay')).toHaveValue('11');
	await expect(again.getByTestId('cap-flag-VP')).toBeVisible();
	await again.getByLabel('Hội nghị dự kiến năm nay').fill('10');
	await expect(again.getByTestId('cap-flag-VP')).toHaveCount(0);
	await expect(again.getByText('✓ Trong mức tối đa.')).toBeVisible();

	// An invalid figure is refused beside the field.
	await again.getByLabel('Hội nghị năm trước').fill('-3');
	await again.getByRole('button', { name: /^Lưu/ }).click();
	await expect(again.getByText('Không được âm.')).toBeVisible();
});

test('documents: quick entry of two, a duplicate-number warning, search and edit', async ({
	page
}) => {
	await openApp(page, '/documents/new');
	await expect(page.getByLabel('Gửi điện tử (qua mạng)')).toBeChecked();
	await expect(page.getByLabel('Văn bản mật')).not.toBeChecked();
	await expectNoAxeViolations(page);

	await page.getByLabel('Số/ký hiệu').fill('12/KH-UBND');
	await page.getByLabel('Loại văn bản').selectOption({ label: 'Kế hoạch' });
	await page.getByLabel('Trích yếu').fill('Kế hoạch chuyển đổi số năm 2026');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Đã lưu văn bản 12/KH-UBND.')).toBeVisible();
	await expect(page.getByLabel('Số/ký hiệu')).toHaveValue('');
	await expect(page.getByLabel('Số/ký hiệu')).toBeFocused();
	await expect(page.getByLabel('Loại văn bản')).toHaveValue('ke_hoach');

	await page.getByLabel('Số/ký hiệu').fill('5/TB-UBND');
	await page.getByLabel('Loại văn bản').selectOption({ label: 'Thông báo' });
	await page.getByLabel('Gửi điện tử (qua mạng)').uncheck();
	await page.getByLabel('Trích yếu').fill('Thông báo lịch tiếp dân');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Đã lưu văn bản 5/TB-UBND.')).toBeVisible();

	await page.getByLabel('Số/ký hiệu').fill('12/KH-UBND');
	await expect(
		page.getByText(/Lưu ý: số, ký hiệu 12\/KH-UBND đã được đơn vị này dùng trong năm/)
	).toBeVisible();
	await expect(page.getByLabel('Số/ký hiệu')).toHaveAttribute('aria-describedby', /doc-dup/);
	await expectNoAxeViolations(page);
	// Retyped from paper in small letters with a space: the same number (clerk review r20, 1).
	await page.getByLabel('Số/ký hiệu').fill('12/kh-ubnd ');
	await expect(page.getByText(/Lưu ý: số, ký hiệu 12\/kh-ubnd đã được/)).toBeVisible();
	// Saved anyway, it is asked at the save too (clerk review r19, 2); declined, nothing is saved.
	await page.getByLabel('Trích yếu').fill('Kế hoạch trùng số');
	const asked = answerNextDialog(page, 'dismiss');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect
		.poll(() => asked)
		.toEqual([
			expect.stringMatching(
				/^Số, ký hiệu 12\/kh-ubnd đã được đơn vị này dùng trong năm \d{4} \(\d{2}\/\d{2}\/\d{4} – Kế hoạch chuyển đổi số năm 2026\)\. Vẫn lưu văn bản này\?$/
			)
		]);
	await expect(page.getByLabel('Số/ký hiệu')).toBeFocused();
	await expect(page.getByLabel('Số/ký hiệu')).toHaveValue('12/kh-ubnd ');
	await expect(page.getByText(/^Đã lưu văn bản/)).toHaveCount(0);
	await page.getByLabel('Số/ký hiệu').fill('13/KH-UBND');
	await expect(page.getByText(/Lưu ý: số/)).toHaveCount(0);

	// Empty number: not saved, message beside the field.
	await page.getByLabel('Số/ký hiệu').fill('');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Không được để trống.')).toBeVisible();

	await page.goto('/documents');
	await expect(page.getByText('2 văn bản')).toBeVisible();
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);
	await page.getByLabel('Tìm theo số/ký hiệu hoặc trích yếu').fill('12/kh');
	await expect(page.getByText('1 văn bản')).toBeVisible();
	await expect(page.getByRole('link', { name: '12/KH-UBND' })).toBeVisible();
	await page.getByLabel('Tìm theo số/ký hiệu hoặc trích yếu').fill('tiep dan');
	await expect(page.getByRole('link', { name: '5/TB-UBND' })).toBeVisible();
	await expect(page.getByRole('link', { name: '12/KH-UBND' })).toHaveCount(0);
	// A search that finds nothing: said, with one tap back to the whole register (clerk review r20, 5).
	await page.getByLabel('Tìm theo số/ký hiệu hoặc trích yếu').fill('zzzz');
	await expect(page.getByText('Chưa có văn bản nào phù hợp.')).toBeVisible();
	await page.getByRole('button', { name: 'Bỏ lọc' }).click();
	await expect(page.getByText('2 văn bản')).toBeVisible();
	await expect(page.getByLabel('Tìm theo số/ký hiệu hoặc trích yếu')).toBeFocused();
	await expect(page.getByLabel('Tìm theo số/ký hiệu hoặc trích yếu')).toHaveValue('');

	await page.getByLabel('Tìm theo số/ký hiệu hoặc trích yếu').fill('');
	await page.getByText('Bộ lọc').click();
	await page.getByLabel('Gửi điện tử').selectOption({ label: 'Không' });
	await expect(page.getByText('1 văn bản')).toBeVisible();
	await page.getByLabel('Gửi điện tử').selectOption({ label: 'Tất cả' });

	await page.getByRole('link', { name: '12/KH-UBND' }).click();
	await expect(page.getByRole('heading', { name: 'Sửa văn bản' })).toBeVisible();
	await expect(page.getByText(/Lưu ý: số/)).toHaveCount(0);
	await page.getByLabel('Trích yếu').fill('Kế hoạch đã sửa');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu thay đổi.')).toBeVisible();
	page.once('dialog', (d) => void d.accept());
	await page.getByRole('button', { name: 'Xóa' }).click();
	await expect(page).toHaveURL(/\/documents$/);
	await expect(page.getByText('1 văn bản')).toBeVisible();
	await expect(page.getByRole('link', { name: '12/KH-UBND' })).toHaveCount(0);
});

test('documents: a date of issue after today is asked about; declined, nothing is saved (clerk review r20, 2)', async ({
	page
}) => {
	await page.clock.install({ time: new Date('2026-12-03T09:00:00+07:00') });
	await openApp(page, '/documents/new');
	await page.getByLabel('Số/ký hiệu').fill('3/TB-UBND');
	await page.getByLabel('Ngày ban hành').fill('2027-01-05');
	await page.getByLabel('Trích yếu').fill('Thông báo lịch trực Tết');
	const asked = answerNextDialog(page, 'dismiss');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect
		.poll(() => asked)
		.toEqual([
			'Ngày ban hành 05/01/2027 sau ngày hôm nay (03/12/2026). Văn bản được tính vào số liệu theo ngày ban hành. Vẫn lưu?'
		]);
	await expect(page.getByLabel('Ngày ban hành')).toBeFocused();
	await expect(page.getByText(/^Đã lưu văn bản/)).toHaveCount(0);
	// Put right: saved without a question.
	await page.getByLabel('Ngày ban hành').fill('2026-12-03');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Đã lưu văn bản 3/TB-UBND.')).toBeVisible();
	expect(asked).toHaveLength(1);
});

test('documents: a secret document cannot be marked electronic, and the form says why', async ({
	page
}) => {
	await openApp(page, '/documents/new');
	const electronic = page.getByLabel('Gửi điện tử (qua mạng)');
	const secret = page.getByLabel('Văn bản mật');
	const why = 'Văn bản mật không được gửi qua mạng, nên không đánh dấu gửi điện tử.';
	await expect(electronic).toBeChecked();
	await expect(page.getByText(why)).toHaveCount(0);

	await secret.check();
	await expect(electronic).not.toBeChecked();
	await expect(electronic).toBeDisabled();
	await expect(page.getByText(why)).toBeVisible();
	await expect(electronic).toHaveAccessibleDescription(why);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	// Unticking "secret" frees the box again and puts back what it held before (ticked here), so a
	// change of mind does not save the document as paper.
	await secret.uncheck();
	await expect(electronic).toBeEnabled();
	await expect(electronic).toBeChecked();
	await expect(page.getByText(why)).toHaveCount(0);
	// An unticked box stays unticked through the same round trip.
	await electronic.uncheck();
	await secret.check();
	await secret.uncheck();
	await expect(electronic).not.toBeChecked();
	await electronic.check();
	await secret.check();
	await secret.uncheck();
	await page.getByLabel('Số/ký hiệu').fill('02/BC-DOIY');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Đã lưu văn bản 02/BC-DOIY.')).toBeVisible();

	await secret.check();
	await page.getByLabel('Số/ký hiệu').fill('01/BC-MAT');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Đã lưu văn bản 01/BC-MAT.')).toBeVisible();
	// The next document starts not secret, sent electronically as before the tick (clerk review
	// r19: it stayed ticked, and the next, ordinary document was saved secret and on paper).
	await expect(secret).not.toBeChecked();
	await expect(electronic).toBeEnabled();
	await expect(electronic).toBeChecked();
	await expect(page.getByText(why)).toHaveCount(0);
	await page.goto('/documents');
	await page.getByRole('link', { name: '01/BC-MAT' }).click();
	await expect(page.getByLabel('Văn bản mật')).toBeChecked();
	await expect(page.getByLabel('Gửi điện tử (qua mạng)')).not.toBeChecked();
	await page.goto('/documents');
	await page.getByRole('link', { name: '02/BC-DOIY' }).click();
	await expect(page.getByLabel('Văn bản mật')).not.toBeChecked();
	await expect(page.getByLabel('Gửi điện tử (qua mạng)')).toBeChecked();
});

test('documents: a fixed field loses its error at once, and the summary its count', async ({
	page
}) => {
	await openApp(page, '/documents/new');
	const number = page.getByLabel('Số/ký hiệu');
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(
		page.getByText('Chưa lưu: vui lòng sửa 1 lỗi được đánh dấu bên dưới.')
	).toBeVisible();
	await expect(number).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Không được để trống.', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
	await number.fill('45/KH-UBND');
	await expect(page.getByText('Không được để trống.', { exact: true })).toHaveCount(0);
	await expect(page.getByText(/^Chưa lưu/)).toHaveCount(0);
	await expect(number).toHaveAttribute('aria-invalid', 'false');
	// Emptied again: nothing is flagged before the next save.
	await number.fill('');
	await expect(page.getByText('Không được để trống.', { exact: true })).toHaveCount(0);
	await page.getByRole('button', { name: 'Lưu và nhập tiếp' }).click();
	await expect(page.getByText('Không được để trống.', { exact: true })).toBeVisible();
});

test('procedures: digital above total is refused with a message and nothing saved; a valid month shows its shares', async ({
	page
}) => {
	await openApp(page, '/procedures');
	await expectNoAxeViolations(page);
	await fillProcedures(page, {
		unit: 'Trung tâm Phục vụ hành chính công',
		month: '2026-03',
		total: '13',
		digital: '14',
		digitized: '13'
	});
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(
		page.getByText('Số hồ sơ xử lý trên môi trường điện tử không được lớn hơn tổng số hồ sơ.')
	).toBeVisible();
	await expect(page.getByLabel('Xử lý trên môi trường điện tử')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByLabel('Xử lý trên môi trường điện tử')).toHaveAttribute(
		'aria-describedby',
		'proc-digital-error'
	);
	await expect(page.getByText('Chưa có số liệu tháng nào trong năm này.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Xử lý trên môi trường điện tử').fill('8');
	// Fixed: its message and the summary go before the next save.
	await expect(
		page.getByText('Số hồ sơ xử lý trên môi trường điện tử không được lớn hơn tổng số hồ sơ.')
	).toHaveCount(0);
	await expect(page.getByLabel('Xử lý trên môi trường điện tử')).toHaveAttribute(
		'aria-invalid',
		'false'
	);
	await expect(page.getByText(/^Chưa lưu/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu số liệu tháng 3/2026.')).toBeVisible();
	const table = page.getByRole('table', { name: /Số hồ sơ theo tháng, năm 2026/ });
	const row = table.getByRole('row', { name: /3\/2026/ });
	await expect(row.getByRole('cell')).toHaveText(['13', '8 (61,5%)', '13 (100,0%)']);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	// Thousands grouped the Vietnamese way are accepted; a fraction asks for a whole number.
	await fillProcedures(page, {
		month: '2026-04',
		total: '1.200',
		digital: '1 000',
		digitized: '1.5'
	});
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByLabel('Được số hóa')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Nhập số nguyên, ví dụ 1200 hoặc 1.200.')).toBeVisible();
	await expect(page.getByLabel('Tổng số hồ sơ')).toHaveAttribute('aria-invalid', 'false');
	await page.getByLabel('Được số hóa').fill('1.200');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu số liệu tháng 4/2026.')).toBeVisible();
	await expect(table.getByRole('row', { name: /4\/2026/ }).getByRole('cell')).toHaveText([
		'1.200',
		'1.000 (83,3%)',
		'1.200 (100,0%)'
	]);

	// Coming back to the month shows what is stored.
	await page.reload();
	await page.getByLabel('Đơn vị').selectOption({ label: 'Trung tâm Phục vụ hành chính công' });
	await page.getByLabel('Năm', { exact: true }).selectOption('2026');
	await page.getByRole('button', { name: 'Sửa tháng 3/2026' }).click();
	await expect(page.getByLabel('Tổng số hồ sơ')).toHaveValue('13');
	await expect(page.getByLabel('Xử lý trên môi trường điện tử')).toHaveValue('8');
});

test('incoming documents: electronic above received is refused and nothing saved; a valid month shows its share', async ({
	page
}) => {
	await openApp(page, '/procedures');
	// Listed on the "More" page beside the procedures.
	await navTo(page, 'Văn bản đến');
	await expect(page).toHaveURL(/\/incoming$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Văn bản đến' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('Đơn vị').selectOption({ label: 'Văn phòng HĐND và UBND xã' });
	await page.getByLabel('Tháng báo cáo', { exact: true }).fill('2026-03');
	await page.getByLabel('Số văn bản đến').fill('40');
	await page.getByLabel('Xử lý trên môi trường điện tử').fill('41');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	const electronic = page.getByLabel('Xử lý trên môi trường điện tử');
	await expect(electronic).toHaveAttribute('aria-invalid', 'true');
	await expect(electronic).toHaveAttribute('aria-describedby', 'inc-electronic-error');
	await expect(
		page.getByText(
			'Số văn bản đến xử lý trên môi trường điện tử không được lớn hơn số văn bản đến.'
		)
	).toBeVisible();
	await expect(page.getByText('Chưa có số liệu tháng nào trong năm này.')).toBeVisible();
	await expectNoAxeViolations(page);

	await electronic.fill('38');
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu số liệu văn bản đến tháng 3/2026.')).toBeVisible();
	const table = page.getByRole('table', { name: /Số văn bản đến theo tháng, năm 2026/ });
	const row = table.getByRole('row', { name: /3\/2026/ });
	await expect(row.getByRole('cell')).toHaveText(['40', '38 (95,0%)']);
	await expectNoAxeViolations(page);
	await expectNoSidewaysScroll(page);

	// Coming back to the month shows what is stored.
	await page.reload();
	await page.getByLabel('Đơn vị').selectOption({ label: 'Văn phòng HĐND và UBND xã' });
	await page.getByLabel('Năm', { exact: true }).selectOption('2026');
	await page.getByRole('button', { name: 'Sửa tháng 3/2026' }).click();
	await expect(page.getByLabel('Số văn bản đến')).toHaveValue('40');
	await expect(electronic).toHaveValue('38');
});

for (const path of [
	'/units',
	'/plans',
	'/documents',
	'/documents/new',
	'/procedures',
	'/incoming'
]) {
	test(`axe-core finds no violations on ${path} at 360 px`, async ({ page }) => {
		await openApp(page, path);
		await expect(page.locator('main h1')).toBeVisible();
		await expect(page.getByText('Đang tải…')).toHaveCount(0);
		await expectNoAxeViolations(page);
		await expectNoSidewaysScroll(page);
	});
}
