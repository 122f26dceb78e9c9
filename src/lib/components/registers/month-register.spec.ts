import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { phoneDatabases, testClock } from '$factories/devices';
import { INCOMING, PROCEDURES, type Counts, type MonthRegisterKind } from './month-register';

const newDb = phoneDatabases('month-register');
const key = { unitCode: 'VP', month: '2026-03' };

/** Per kind: counts that save, and counts refused (an empty field, a part above its whole). */
const cases: {
	kind: MonthRegisterKind;
	good: Counts;
	bad: Counts;
	errors: Record<string, string>;
}[] = [
	{
		kind: PROCEDURES,
		good: { total: 13, digital: 8, digitized: 13 },
		bad: { digital: 2, digitized: 2 },
		errors: { total: expect.any(String) as string }
	},
	{
		kind: PROCEDURES,
		good: { total: 13, digital: 8, digitized: 13 },
		bad: { total: 5, digital: 6, digitized: 7 },
		errors: { digital: 'err.digitalAboveTotal', digitized: 'err.digitizedAboveTotal' }
	},
	{
		kind: INCOMING,
		good: { received: 40, electronic: 31 },
		bad: { received: 3, electronic: 4 },
		errors: { electronic: 'err.electronicAboveReceived' }
	},
	{
		kind: INCOMING,
		good: { received: 40, electronic: 31 },
		bad: { received: 3 },
		errors: { electronic: expect.any(String) as string }
	}
];

describe('a month register: the check a form makes is the save without the write', () => {
	it.each(cases)(
		'$kind.prefix: refused counts give the same messages to check and save; good ones save as typed',
		async ({ kind, good, bad, errors }) => {
			const db = newDb();
			const clock = testClock();
			expect(kind.check(key, bad)).toEqual(errors);
			const refused = await kind.save(db, key, bad, clock);
			expect(refused.ok ? null : refused.errors).toEqual(kind.check(key, bad));
			expect(await kind.get(db, key.unitCode, key.month)).toBeUndefined();

			expect(kind.check(key, good)).toEqual({});
			expect((await kind.save(db, key, good, clock)).ok).toBe(true);
			const stored = await kind.get(db, key.unitCode, key.month);
			expect(Object.fromEntries(kind.fields.map((f) => [f, stored?.[f]]))).toEqual(good);
		}
	);
});
