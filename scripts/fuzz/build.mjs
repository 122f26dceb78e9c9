// Turns a descriptor of ./generators.mjs into an HTTP request. Deterministic given the descriptor,
// the run's state (accounts, earlier mutation ids) and the clock.
import { FUZZ_UNITS } from './generators.mjs';

const DAY = 86_400_000;
const VN_OFFSET = 7 * 3_600_000;
/** 2026-06-01 00:00 in UTC+7: generated meetings fall around it. */
const ORIGIN_MS = Date.UTC(2026, 5, 1) - VN_OFFSET;

const localDate = (ms) => new Date(ms + VN_OFFSET).toISOString().slice(0, 10);
const pad = (n, w) => String(n).padStart(w, '0');

export class Builder {
	/**
	 * @param {object} run accounts: { tokens: {admin, staff, head, monitor}, units: {staff, head},
	 *   ids: {admin, staff, head, monitor}, victims: [ids] }
	 */
	constructor(run) {
		this.run = run;
		this.serial = 0;
		/** Mutation ids sent so far (some requests resend one). */
		this.sent = [];
	}

	uuid() {
		this.serial++;
		return `00000000-0000-4000-8000-${pad(this.serial.toString(16), 12)}`;
	}

	/** Headers that say who calls. */
	auth(actor) {
		const t = this.run.tokens;
		switch (actor) {
			case 'anon':
				return {};
			case 'badtoken':
				return { authorization: 'Bearer not-a-real-token' };
			case 'cookie':
				return { cookie: `session=${t.staff}` };
			case 'badcookie':
				return { cookie: 'session=%zz; session=' };
			default:
				return { authorization: `Bearer ${t[actor]}` };
		}
	}

	/** The unit a caller writes for when a record says "own". */
	ownUnit(actor) {
		if (actor === 'staff' || actor === 'cookie') return this.run.units.staff;
		if (actor === 'head') return this.run.units.head;
		return 'THON02';
	}

	build(d, now) {
		switch (d.endpoint) {
			case 'push':
				return this.push(d, now);
			case 'pull':
				return jsonRequest('POST', '/api/sync/pull', this.auth(d.actor), d.body);
			case 'login':
				return jsonRequest('POST', '/api/auth/login', {}, d.body);
			case 'me': {
				const headers = this.auth(d.actor);
				if (d.header !== undefined) headers.authorization = `Bearer ${asciiHeader(d.header)}`;
				return { method: 'GET', path: '/api/auth/me', headers };
			}
			case 'logout':
				return jsonRequest('POST', '/api/auth/logout', this.auth(d.actor), d.body ?? {});
			case 'password':
				return jsonRequest('POST', '/api/auth/password', this.auth(d.actor), d.body);
			case 'users':
				return this.users(d);
			case 'subscribe':
				return jsonRequest(d.method, '/api/push/subscribe', this.auth(d.actor), {
					endpoint: d.endpointUrl,
					keys: d.keys,
					...(d.extra !== undefined ? { extra: d.extra } : {})
				});
			case 'raw':
				return this.raw(d);
		}
		throw new Error(`unknown endpoint ${d.endpoint}`);
	}

	users(d) {
		const admin = d.actor === 'admin';
		const { ids, victims } = this.run;
		let target;
		if (d.target === 'victim') target = victims[this.serial++ % victims.length];
		// An admin never acts on the run's own accounts (their sessions must last the run).
		else if (d.target === 'own')
			target = admin
				? victims[0]
				: [ids.admin, ids.staff, ids.head, ids.monitor][this.serial++ % 4];
		else target = d.target;
		const base = `/api/users/${encodeURIComponent(target.toWellFormed())}`;
		const h = this.auth(d.actor);
		let body = d.body;
		switch (d.call) {
			case 'list':
				return { method: 'GET', path: '/api/users', headers: h };
			case 'create':
				if (d.unique && body && typeof body === 'object' && !Array.isArray(body))
					body = { ...body, username: `fz-new-${this.serial++}` };
				return jsonRequest('POST', '/api/users', h, body);
			case 'patch':
				return jsonRequest('PATCH', base, h, body);
			case 'reset':
				return jsonRequest('POST', `${base}/password`, h, body);
			case 'sessions':
				return { method: 'DELETE', path: `${base}/sessions`, headers: h };
			case 'lockout':
				return { method: 'DELETE', path: `${base}/lockout`, headers: h };
		}
		throw new Error(`unknown users call ${d.call}`);
	}

	push(d, now) {
		const mutations = [];
		for (let r = 0; r < d.repeat; r++) {
			for (const m of d.mutations) mutations.push(this.mutation(m, d, now, r));
		}
		let body = { version: 1, deviceId: d.device, mutations };
		const f = d.fault;
		if (f) {
			switch (f.kind) {
				case 'version':
				case 'deviceId':
				case 'mutations':
					body[f.kind] = f.value;
					break;
				case 'drop':
					delete body[f.field];
					break;
				case 'tooMany': {
					const one = this.mutation(d.mutations[0] ?? fallbackMutation, d, now, 0);
					body.mutations = Array.from({ length: f.n }, () => ({ ...one, mutationId: this.uuid() }));
					break;
				}
				case 'mutationField':
					if (mutations.length === 0) mutations.push(this.mutation(fallbackMutation, d, now, 0));
					mutations[this.serial % mutations.length][f.field] = f.value;
					break;
				case 'body':
					body = f.value;
					break;
				case 'extra':
					body = { ...body, [f.key]: f.value };
					break;
			}
		}
		const req = jsonRequest('POST', '/api/sync/push', this.auth(d.actor), body);
		req.sentMutations = Array.isArray(body?.mutations) ? body.mutations : [];
		return req;
	}

	mutation(m, d, now, repeat) {
		const unit = m.base.unit === 'own' ? this.ownUnit(d.actor) : m.base.unit;
		let record = makeRecord(m.entity, m.base, unit, now, repeat);
		for (const c of m.corrupt) record = corrupt(record, c);
		if (m.junkKey) record[m.junkKey.key] = m.junkKey.value;
		const key = m.entity === 'unit' ? record.code : record.id;
		const recordId = m.recordId === 'match' ? (typeof key === 'string' ? key : 'x') : m.recordId;
		let mutationId;
		if (m.mutationId === 'fresh' || (m.mutationId === 'reuse' && this.sent.length === 0))
			mutationId = this.uuid();
		else if (m.mutationId === 'reuse')
			mutationId = this.sent[(this.serial + m.counter) % this.sent.length];
		else mutationId = m.mutationId;
		if (this.sent.length < 5000) this.sent.push(mutationId);
		else this.sent[m.counter % 5000] = mutationId;
		const out = {
			mutationId,
			entity: m.entity,
			recordId,
			op: m.op,
			record,
			hlc: hlcText(m.hlc, m.counter, d.device, now)
		};
		if (m.fields !== undefined) out.fields = m.fields;
		return out;
	}

	raw(d) {
		const headers = this.auth(d.actor);
		if (d.contentType) headers['content-type'] = d.contentType;
		if (d.crossSite) headers.origin = 'https://evil.fuzz.invalid';
		const b = d.body;
		let body;
		switch (b.kind) {
			case 'text':
				body = b.text;
				break;
			case 'empty':
				body = '';
				break;
			case 'truncated':
				body = '{"version":1,"deviceId":"dev-a","mutations":[{"mutationId":';
				break;
			case 'latin1':
				body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0xff, 0xfe, 0x22, 0x7d]);
				break;
			case 'bom':
				body = '\ufeff{"version":1,"cursor":0}';
				break;
			case 'deep':
				body = '['.repeat(200_000) + ']'.repeat(200_000);
				break;
			case 'dupKeys':
				body = '{"version":1,"version":2,"cursor":0,"cursor":-1,"deviceId":"d","mutations":[]}';
				break;
			case 'proto':
				body =
					'{"__proto__":{"version":1,"admin":true},"constructor":{"prototype":{"x":1}},"version":1,"cursor":0,"deviceId":"d","mutations":[]}';
				break;
			case 'oversized':
			case 'atLimit': {
				const envelope = '{"version":1,"deviceId":"dev-a","mutations":[],"pad":"';
				body = envelope + 'x'.repeat(Math.max(0, b.size - envelope.length - 2)) + '"}';
				break;
			}
			case 'chunked':
				return { method: 'POST', path: d.path, headers, chunked: b.size };
		}
		return { method: 'POST', path: d.path, headers, body };
	}
}

const fallbackMutation = {
	entity: 'meeting',
	op: 'put',
	base: {
		slot: 0,
		unit: 'THON01',
		day: 0,
		minute: 480,
		sittings: 1,
		status: 'planned',
		running: false,
		agenda: 0,
		text: 'x',
		n: [1, 2, 3, 4],
		flags: [true, false, true],
		pick: 0
	},
	corrupt: [],
	hlc: 'now',
	counter: 0,
	recordId: 'match',
	mutationId: 'fresh'
};

function jsonRequest(method, path, headers, body) {
	return {
		method,
		path,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? '' : JSON.stringify(body)
	};
}

/** Header values must be latin-1 without control characters (fetch refuses others). */
const asciiHeader = (s) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000);

function hlcText(kind, counter, node, now) {
	const c = pad(counter.toString(16), 4);
	switch (kind) {
		case 'now':
			return `${pad(now - (counter % 60_000), 15)}-${c}-${node}`;
		case 'past':
			return `${pad(now - 3 * DAY - counter, 15)}-${c}-${node}`;
		case 'old':
			return `${pad(counter, 15)}-${c}-${node}`;
		case 'skew':
			return `${pad(now + 6 * 60_000 + counter, 15)}-${c}-${node}`;
		case 'zero':
			return `000000000000000-0000-${node}`;
		case 'max':
			return `999999999999999-ffff-${node}`;
		case 'malformed':
			return [`${now}-${c}-${node}`, `${pad(now, 15)}-FFFF-${node}`, 'x', ''][counter % 4];
	}
	return kind;
}

/** A record that passes its schema (unless the unit is unknown or the caller may not write it). */
function makeRecord(entity, b, unit, now, repeat) {
	const meta = { createdAt: now - 1000, updatedAt: now, deleted: false };
	const day = b.day + repeat;
	const month = localDate(ORIGIN_MS + day * DAY).slice(0, 7);
	const text = b.text.trim() === '' ? 'Nội dung' : b.text.slice(0, 100);
	switch (entity) {
		case 'meeting': {
			const sittings = [];
			let t = ORIGIN_MS + day * DAY + b.minute * 60_000;
			for (let i = 0; i < b.sittings; i++) {
				const end = t + (30 + (b.n[i] % 240)) * 60_000;
				const last = i === b.sittings - 1;
				sittings.push({ start: t, end: last && b.running && b.status !== 'held' ? null : end });
				t = end + (b.n[3] % 3) * DAY + 60_000;
			}
			const agenda = Array.from({ length: b.agenda }, (_, i) => ({
				id: `a${i}`,
				title: `Mục ${i + 1}: ${text}`.slice(0, 300),
				kind: i % 2 ? 'discussion' : 'presentation',
				plannedMinutes: b.n[i % 4] % 120,
				spans:
					i === 0 && sittings[0].end ? [{ start: sittings[0].start, end: sittings[0].end }] : []
			}));
			return {
				id: `fz-m-${b.slot}`,
				unitCode: unit,
				title: text,
				category: ['quan_triet', 'chuyen_mon', 'thao_luan', 'hop'][b.pick % 4],
				format: ['truc_tuyen', 'truc_tiep', 'ket_hop'][b.pick % 3],
				paperless: b.flags[0],
				status: b.status,
				sittings,
				plannedMinutes: b.flags[1] ? b.n[0] % 600 : null,
				attendees: b.flags[2] ? b.n[1] : null,
				chair: text.slice(0, 50),
				location: 'Hội trường UBND xã',
				notes: text,
				agenda,
				date: localDate(sittings[0].start),
				...meta
			};
		}
		case 'document':
			return {
				id: `fz-d-${b.slot}`,
				unitCode: unit,
				number: `${b.n[0]}/QĐ-UBND`,
				kind: ['qppl', 'ke_hoach', 'quyet_dinh', 'cong_van', 'bao_cao', 'khac'][b.pick % 6],
				issuedOn: localDate(ORIGIN_MS + day * DAY),
				electronic: b.flags[0],
				secret: b.flags[1],
				title: text,
				...meta
			};
		case 'procedure': {
			const total = b.n[0];
			return {
				id: `${unit}:${month}`,
				unitCode: unit,
				month,
				total,
				digital: total === 0 ? 0 : b.n[1] % (total + 1),
				digitized: total === 0 ? 0 : b.n[2] % (total + 1),
				...meta
			};
		}
		case 'plan': {
			const year = 2024 + (b.slot % 4);
			return {
				id: `${unit}:${year}`,
				unitCode: unit,
				year,
				baselineConferences: b.flags[0] ? b.n[0] : null,
				baselineDocuments: b.flags[1] ? b.n[1] : null,
				plannedConferences: b.flags[2] ? b.n[2] : null,
				...meta
			};
		}
		case 'unit': {
			const { createdAt, updatedAt, deleted } = meta;
			return {
				code: FUZZ_UNITS[b.slot % FUZZ_UNITS.length],
				name: `Đơn vị thử ${text}`.slice(0, 200),
				kind: b.flags[0] ? 'hamlet' : 'department',
				archived: b.flags[1] && b.flags[2],
				order: 100 + b.slot,
				createdAt,
				updatedAt,
				deleted
			};
		}
		case 'settings':
			return {
				id: 'settings',
				communeName: `Xã ${text}`.slice(0, 200),
				province: 'Tỉnh Thử',
				periodMode: b.flags[0] ? 'decree09' : 'calendar',
				limits: {
					quan_triet: 240,
					chuyen_mon: 480,
					thao_luan: 720,
					hop: b.flags[1] ? b.n[0] % 600 : null
				},
				warningLeadMinutes: b.n[1] % 60,
				updatedAt: now
			};
	}
	throw new Error(`unknown entity ${entity}`);
}

/** Nested arrays, `depth` deep. */
function nest(depth) {
	let v = 0;
	for (let i = 0; i < depth; i++) v = [v];
	return v;
}

/** Changes a freshly made record in place. */
function corrupt(r, c) {
	switch (c.op) {
		case 'set':
			r[c.field] = c.value;
			break;
		case 'drop':
			delete r[c.field];
			break;
		case 'huge':
			r[c.field] = 'Ư'.repeat(Math.ceil(c.size / 2)).slice(0, c.size);
			break;
		case 'instant': {
			const [where, field] = c.where.split('.');
			if (where === 'sitting' && Array.isArray(r.sittings) && r.sittings[0])
				r.sittings[0][field] = c.value;
			else if (where === 'span' && Array.isArray(r.agenda) && r.agenda[0])
				r.agenda[0].spans = [{ start: c.value, end: null }];
			else r[where] = c.value;
			break;
		}
		case 'dateShift':
			if (typeof r.date === 'string') r.date = shiftDate(r.date, c.days || 1);
			if (typeof r.issuedOn === 'string') r.issuedOn = shiftDate(r.issuedOn, c.days * 50);
			if (typeof r.month === 'string')
				r.month = shiftDate(`${r.month}-01`, c.days * 60).slice(0, 7);
			break;
		case 'many': {
			const t0 = Array.isArray(r.sittings) && r.sittings[0] ? r.sittings[0].start : ORIGIN_MS;
			const list = Array.from({ length: c.n }, (_, i) => ({
				start: t0 + i * 3_600_000,
				end: t0 + i * 3_600_000 + 1_800_000
			}));
			if (c.what === 'sittings') r.sittings = list;
			else if (c.what === 'spans' && Array.isArray(r.agenda) && r.agenda[0])
				r.agenda[0].spans = list;
			else
				r.agenda = list.map((s, i) => ({
					id: `m${i}`,
					title: `Mục ${i}`,
					kind: 'discussion',
					plannedMinutes: 5,
					spans: [s]
				}));
			break;
		}
		case 'nest':
			r[c.field] = nest(c.depth);
			break;
		case 'counts':
			r.total = c.total;
			r.digital = c.digital;
			r.digitized = c.digitized;
			break;
	}
	return r;
}

function shiftDate(date, days) {
	const ms = Date.parse(`${date}T00:00:00Z`);
	if (!Number.isFinite(ms)) return date;
	const shifted = ms + days * DAY;
	if (Math.abs(shifted) > 8.64e15) return date;
	return new Date(shifted).toISOString().slice(0, 10);
}
