/**
 * SvelteKit's default app version is the build's instant in milliseconds ("1796127018412"): unique
 * per build, which the update check needs, but not something a clerk can read out to IT. The
 * instant it names, when it is one (between 2020 and 2100), else null (a version set by hand).
 */
export function buildInstant(version: string): number | null {
	if (!/^\d{13}$/.test(version)) return null;
	const ms = Number(version);
	return ms >= Date.UTC(2020, 0, 1) && ms < Date.UTC(2100, 0, 1) ? ms : null;
}
