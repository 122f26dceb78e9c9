// Median and spread of a list of figures (the benches alternate a path and its baseline).
export function spread(values) {
	const s = [...values].sort((a, b) => a - b);
	const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
	return { median: q(0.5), p25: q(0.25), p75: q(0.75), min: s[0], max: s.at(-1) };
}

export const fmt = (x, d = 2) => (typeof x === 'number' ? x.toFixed(d) : String(x));

export function describe(values, d = 2, unit = '') {
	const r = spread(values);
	return `median ${fmt(r.median, d)}${unit} (p25 ${fmt(r.p25, d)}, p75 ${fmt(r.p75, d)}; ${fmt(r.min, d)}-${fmt(r.max, d)})`;
}

export const ROUNDS = Math.max(15, Number(process.env.BENCH_ROUNDS ?? 15));
