// Median, percentiles and spread of a list of figures (the benches alternate a path and its
// baseline over rounds; latencies of a run). One definition for every bench: the nearest rank.
const sortedCopy = (values) => [...values].sort((a, b) => a - b);
const rank = (s, p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];

export function spread(values) {
	const s = sortedCopy(values);
	const q = (p) => rank(s, p);
	return { median: q(0.5), p25: q(0.25), p75: q(0.75), min: s[0], max: s.at(-1) };
}

/** The p-th percentile (0-100) of the values, in any order; 0 for none. */
export function percentile(values, p) {
	return values.length ? rank(sortedCopy(values), p / 100) : 0;
}

export const median = (values) => percentile(values, 50);

export const fmt = (x, d = 2) => (typeof x === 'number' ? x.toFixed(d) : String(x));

export function describe(values, d = 2, unit = '') {
	const r = spread(values);
	return `median ${fmt(r.median, d)}${unit} (p25 ${fmt(r.p25, d)}, p75 ${fmt(r.p75, d)}; ${fmt(r.min, d)}-${fmt(r.max, d)})`;
}

/** BENCH_ROUNDS, else `fallback`: alternated rounds of a comparison. */
export const roundsFromEnv = (fallback) =>
	Math.max(1, Number(process.env.BENCH_ROUNDS ?? fallback));

/** Rounds of the first-screen and import benches: never fewer than 15. */
export const ROUNDS = Math.max(15, roundsFromEnv(15));
