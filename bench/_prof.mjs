import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
const port = 4500 + Math.floor(Math.random() * 400);
const dataDir = mkdtempSync(path.join(tmpdir(), 'so-hop-prof-'));
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/sync-speed-prof', 'build'], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_PASSWORD: 'bench-password', WRITE_PER_MINUTE: '0' },
	stdio: ['ignore', 'inherit', 'inherit']
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) { try { if ((await fetch(url + '/api/health')).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const { token } = await (await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password' }) })).json();
const now = Date.now();
let n = 0;
const hlc = (w, c, node) => `${String(w).padStart(15, '0')}-${c.toString(16).padStart(4, '0')}-${node}`;
function body(k) {
	const mutations = [];
	for (let j = 0; j < k; j++, n++) {
		const start = Date.UTC(2026, 0, 1) - 7 * 3600000 + (n % 365) * 86400000 + 8 * 3600000;
		const record = { id: `p-${n}`, unitCode: 'VP', title: `Họp ${n}`, category: 'hop', format: 'truc_tiep', paperless: true, status: 'held', sittings: [{ start, end: start + 5400000 }], plannedMinutes: 90, attendees: 10, chair: 'Chủ tịch', location: 'Hội trường', notes: '', agenda: [], date: new Date(start + 7 * 3600000).toISOString().slice(0, 10), createdAt: now, updatedAt: now, deleted: false };
		mutations.push({ mutationId: randomUUID(), entity: 'meeting', recordId: record.id, op: 'put', record, hlc: hlc(now, j, 'dev-p') });
	}
	return JSON.stringify({ version: 1, deviceId: 'dev-p', mutations });
}
const post = async (b) => { const r = await fetch(url + '/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: b }); await r.text(); if (!r.ok) throw new Error(r.status); };
const N = Number(process.env.N ?? 300);
const t = {};
for (const k of [10, 0, 10, 0]) { const bodies = Array.from({ length: N }, () => body(k)); const t0 = performance.now(); for (const b of bodies) await post(b); t[k] = (t[k] ?? 0) + (performance.now() - t0) / N / 2; }
console.log('ms per push 10:', t[10].toFixed(2), ' empty:', t[0].toFixed(2), ' ratio', (t[10] / t[0]).toFixed(2));
child.kill('SIGINT');
const exited = await Promise.race([new Promise((r) => child.on('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 15000))]);
if (!exited) { console.log('server did not exit; killing'); child.kill('SIGKILL'); }
