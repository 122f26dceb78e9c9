/**
 * First start: the commune (its built-in units and default settings, written as sync records so
 * every device pulls them) and the `admin` account. ADMIN_PASSWORD sets the admin password;
 * otherwise a random one is printed once.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_UNITS } from '$lib/domain/default-units';
import { defaultSettings } from '$lib/domain/defaults';
import { formatHlc } from '$lib/domain/sync/hlc';
import { PROTOCOL_VERSION, SERVER_DEVICE, type Mutation } from '$lib/domain/sync/protocol';
import type { ServerContext } from '../context';
import { push } from '../sync/push';
import { DEFAULT_COMMUNE } from '../storage/types';
import type { CommuneActor } from './permissions';
import { createProvinceUser, createUser } from './users';

export const ADMIN_USERNAME = 'admin';
/** The province admin made at first start when PROVINCE_ADMIN_PASSWORD is set. */
export const PROVINCE_ADMIN_USERNAME = 'province';
const system = (communeId: string): CommuneActor & { username: string } => ({
	id: 'system',
	username: 'system',
	role: 'admin',
	communeId,
	unitCode: null
});

/** A commune's built-in units and default settings, unless it has units already. */
export async function seedCommune(
	ctx: ServerContext,
	communeId: string,
	names: { communeName?: string; province?: string } = {}
): Promise<void> {
	if ((await ctx.storage.listUnits(communeId)).length > 0) return;
	const now = ctx.now();
	const hlc = formatHlc({ wall: now, counter: 0, node: SERVER_DEVICE });
	const mutations: Mutation[] = DEFAULT_UNITS.map((u, order) => ({
		mutationId: ctx.newId(),
		entity: 'unit',
		recordId: u.code,
		op: 'put',
		hlc,
		record: { ...u, archived: false, order, createdAt: now, updatedAt: now, deleted: false }
	}));
	mutations.push({
		mutationId: ctx.newId(),
		entity: 'settings',
		recordId: 'settings',
		op: 'put',
		hlc,
		record: { ...defaultSettings(now), ...names }
	});
	const response = await push(
		ctx,
		system(communeId),
		{ version: PROTOCOL_VERSION, deviceId: SERVER_DEVICE, mutations },
		{ budget: false }
	);
	for (const result of response.results) {
		if (result.status === 'rejected')
			throw new Error(`seed ${result.mutationId}: ${result.reason ?? ''}`);
	}
}

/**
 * Returns the generated admin password when one was made (the caller prints it once). With
 * `provinceAdminPassword` (PROVINCE_ADMIN_PASSWORD), a province admin `province` is made once too:
 * it creates the other communes and their first admins.
 */
export async function bootstrap(
	ctx: ServerContext,
	adminPassword: string | undefined,
	provinceAdminPassword?: string
): Promise<{ generatedPassword: string | null }> {
	await seedCommune(ctx, DEFAULT_COMMUNE);
	if (provinceAdminPassword && !(await ctx.storage.findUserByUsername(PROVINCE_ADMIN_USERNAME))) {
		const made = await createProvinceUser(ctx, null, {
			username: PROVINCE_ADMIN_USERNAME,
			password: provinceAdminPassword,
			displayName: 'Quản trị cấp tỉnh',
			role: 'province_admin'
		});
		if (!made.ok && !(await ctx.storage.findUserByUsername(PROVINCE_ADMIN_USERNAME)))
			throw new Error(`cannot create the province admin: ${made.code}`);
	}
	if (await ctx.storage.findUserByUsername(ADMIN_USERNAME)) return { generatedPassword: null };
	const generated = adminPassword ? null : randomBytes(18).toString('base64url');
	const outcome = await createUser(
		ctx,
		null,
		{
			username: ADMIN_USERNAME,
			password: adminPassword ?? generated ?? '',
			displayName: 'Quản trị',
			role: 'admin',
			unitCode: null
		},
		DEFAULT_COMMUNE
	);
	if (!outcome.ok) {
		// Another app process on the same database made it a moment ago (both started together).
		if (await ctx.storage.findUserByUsername(ADMIN_USERNAME)) return { generatedPassword: null };
		throw new Error(`cannot create admin: ${outcome.code}`);
	}
	return { generatedPassword: generated };
}
