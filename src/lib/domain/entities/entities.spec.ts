import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_ENTITIES, composedId, ENTITY_NAMES, entityOf, keyOf, ownerOf, titleOf } from './index';
import { ENTITY_SCHEMAS } from './schemas';

describe('the entity registry', () => {
	it('has one schema per kind and unique names and tables', () => {
		expect(Object.keys(ENTITY_SCHEMAS).sort()).toEqual([...ENTITY_NAMES].sort());
		expect(new Set(ALL_ENTITIES.map((e) => e.table)).size).toBe(ALL_ENTITIES.length);
	});

	it('makes keys, composed ids, owners and titles from the descriptors', () => {
		expect(keyOf(entityOf('unit'), { code: 'VP', name: 'Văn phòng' })).toBe('VP');
		expect(composedId(entityOf('procedure'), { unitCode: 'VP', month: '2026-05' })).toBe(
			'VP:2026-05'
		);
		expect(composedId(entityOf('plan'), { unitCode: 'KT', year: 2026 })).toBe('KT:2026');
		expect(composedId(entityOf('meeting'), { id: 'x' })).toBeNull();
		expect(ownerOf(entityOf('meeting'), { unitCode: 'VP' })).toBe('VP');
		expect(ownerOf(entityOf('unit'), { code: 'VP', unitCode: 'VP' })).toBeNull();
		expect(titleOf(entityOf('document'), { number: '', title: 'Báo cáo' }, 'd1')).toBe('Báo cáo');
		expect(titleOf(entityOf('procedure'), { total: 1 }, 'VP:2026-05')).toBe('VP:2026-05');
		expect(() => entityOf('nothing')).toThrow();
	});

	it('keeps zod out of the descriptors, so Dexie code and list screens load without it', () => {
		for (const file of ['index.ts', 'kinds.ts', 'types.ts']) {
			const source = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
			expect(source).not.toMatch(/^import (?!type )[^;]*from '(zod|\.\.\/schemas|\.\/schemas)'/m);
		}
	});

	it('names only fields of the kind in its CSV columns and detail fields', () => {
		for (const d of ALL_ENTITIES) {
			const schema = ENTITY_SCHEMAS[d.name as keyof typeof ENTITY_SCHEMAS];
			const fields = Object.keys((schema as unknown as { shape: object }).shape);
			const named = [
				...(d.csv ?? []).flatMap((c) => (c.field === undefined ? [] : [c.field])),
				...(d.details ?? []).map((f) => f.field)
			];
			for (const field of named) expect(fields, `${d.name}.${field}`).toContain(field);
		}
		expect(entityOf('meeting').details?.map((f) => f.field)).toContain('notes');
	});
});
