// Seeded generators of HTTP requests for `npm run fuzz` (scripts/fuzz.mjs). fast-check draws every
// choice as plain data (a "descriptor"); build.mjs turns a descriptor into a request. Huge strings
// and arrays are drawn as sizes and expanded when the request is built, so descriptors stay small.
import fc from 'fast-check';

export const REAL_UNITS = ['VP', 'VHXH', 'KT', 'TTPVHCC', 'TTDV', 'THON01', 'THON02', 'THON06'];
/** Units only the fuzz creates (admin pushes of units never touch the built-in ones). */
export const FUZZ_UNITS = ['FZ0', 'FZ1', 'FZ2', 'FZ3'];
/** Signed-in callers (see scripts/fuzz.mjs: staff of THON01, unit_head of VP, a monitor). */
const ACTORS = ['admin', 'staff', 'head', 'monitor'];

const actor = fc.oneof(
	{ arbitrary: fc.constantFrom(...ACTORS), weight: 19 },
	{ arbitrary: fc.constantFrom('anon', 'badtoken', 'cookie', 'badcookie'), weight: 1 }
);

/** Strings that tend to break things: unicode, control characters, lone surrogates, lookalikes. */
const nastyString = fc.oneof(
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'\ud800',
		'\udfff\ud800',
		'Cuộc họp giao ban',
		'Ｖ Ｐ',
		'vp',
		'VP ',
		' VP',
		'THON01\n',
		'=1+1',
		'@SUM(A1)',
		"'; DROP TABLE records; --",
		'<script>alert(1)</script>',
		'../../etc/passwd',
		'%00',
		'NaN',
		'Infinity',
		'-Infinity',
		'1e999',
		'9e15',
		'null',
		'undefined',
		'true',
		'__proto__',
		'constructor',
		'2026-02-30',
		'2026-13-01',
		'1999-12-31',
		'2100-01-01',
		'0000-00-00',
		'+275760-09-13'
	)
);

/** Numbers on and around the edges the schemas care about. */
const nastyNumber = fc.oneof(
	fc.integer(),
	fc.double({ noDefaultInfinity: false }),
	fc.constantFrom(
		0,
		-0,
		-1,
		0.5,
		1.5,
		2 ** 31,
		2 ** 53,
		2 ** 53 + 2,
		-(2 ** 53),
		9e15,
		8.64e15,
		8.64e15 + 1,
		1e21,
		1e308,
		5e-324,
		946684799999, // 1999-12-31T23:59:59.999Z
		946659599999, // just before 2000-01-01 00:00 UTC+7
		946659600000, // 2000-01-01 00:00 UTC+7
		4102419600000, // 2100-01-01 00:00 UTC+7
		4102444800000,
		1_000_000_000,
		1_000_000_001
	)
);

/** Any JSON-ish junk, nested a little. */
const junk = fc.oneof(
	{ arbitrary: nastyString, weight: 4 },
	{ arbitrary: nastyNumber, weight: 4 },
	{ arbitrary: fc.constantFrom(null, true, false), weight: 2 },
	{ arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
	{ arbitrary: fc.array(nastyNumber, { maxLength: 5 }), weight: 1 },
	{ arbitrary: fc.dictionary(nastyString, nastyNumber, { maxKeys: 4 }), weight: 1 }
);

const FIELD_NAMES = [
	'id',
	'code',
	'unitCode',
	'title',
	'name',
	'kind',
	'archived',
	'order',
	'category',
	'format',
	'paperless',
	'status',
	'sittings',
	'plannedMinutes',
	'attendees',
	'chair',
	'location',
	'notes',
	'agenda',
	'date',
	'number',
	'issuedOn',
	'electronic',
	'secret',
	'month',
	'total',
	'digital',
	'digitized',
	'year',
	'baselineConferences',
	'baselineDocuments',
	'plannedConferences',
	'communeName',
	'province',
	'periodMode',
	'limits',
	'warningLeadMinutes',
	'createdAt',
	'updatedAt',
	'deleted',
	'__proto__',
	'extra'
];
const fieldName = fc.oneof(
	{ arbitrary: fc.constantFrom(...FIELD_NAMES), weight: 9 },
	{ arbitrary: nastyString, weight: 1 }
);

/** One change made to an otherwise valid record. */
const corruption = fc.oneof(
	fc.record({ op: fc.constant('set'), field: fieldName, value: junk }),
	fc.record({ op: fc.constant('drop'), field: fieldName }),
	fc.record({
		op: fc.constant('huge'),
		field: fc.constantFrom('title', 'notes', 'chair', 'number', 'name', 'communeName', 'extra'),
		size: fc.oneof(fc.integer({ min: 190, max: 6000 }), fc.integer({ min: 6000, max: 120_000 }))
	}),
	fc.record({
		op: fc.constant('instant'),
		where: fc.constantFrom('sitting.start', 'sitting.end', 'span.start', 'createdAt', 'updatedAt'),
		value: nastyNumber
	}),
	fc.record({ op: fc.constant('dateShift'), days: fc.integer({ min: -400, max: 400 }) }),
	fc.record({
		op: fc.constant('many'),
		what: fc.constantFrom('sittings', 'agenda', 'spans'),
		n: fc.oneof(fc.integer({ min: 20, max: 40 }), fc.integer({ min: 90, max: 400 }))
	}),
	fc.record({
		op: fc.constant('nest'),
		field: fieldName,
		depth: fc.integer({ min: 2, max: 2000 })
	}),
	fc.record({
		op: fc.constant('counts'),
		total: nastyNumber,
		digital: nastyNumber,
		digitized: nastyNumber
	})
);

/** The valid record a mutation starts from (build.mjs), then corrupted or not. */
const recordBase = fc.record({
	slot: fc.integer({ min: 0, max: 24 }),
	unit: fc.oneof(
		{ arbitrary: fc.constant('own'), weight: 12 },
		{ arbitrary: fc.constantFrom(...REAL_UNITS), weight: 4 },
		{ arbitrary: fc.constantFrom(...FUZZ_UNITS), weight: 2 },
		{ arbitrary: fc.constantFrom('NOPE', 'vp', 'X'.repeat(21), ''), weight: 1 }
	),
	day: fc.integer({ min: -900, max: 900 }),
	minute: fc.integer({ min: 0, max: 1439 }),
	sittings: fc.integer({ min: 1, max: 3 }),
	status: fc.constantFrom('planned', 'in_progress', 'held', 'cancelled'),
	running: fc.boolean(),
	agenda: fc.integer({ min: 0, max: 4 }),
	text: nastyString,
	n: fc.array(fc.nat({ max: 5000 }), { minLength: 4, maxLength: 4 }),
	flags: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
	pick: fc.nat({ max: 1000 })
});

const hlcKind = fc.oneof(
	{ arbitrary: fc.constant('now'), weight: 12 },
	{ arbitrary: fc.constantFrom('past', 'old', 'skew', 'zero', 'malformed', 'max'), weight: 2 }
);

const mutation = fc.record({
	entity: fc.oneof(
		{ arbitrary: fc.constantFrom('meeting', 'document', 'procedure'), weight: 8 },
		{ arbitrary: fc.constantFrom('plan', 'unit', 'settings'), weight: 3 }
	),
	op: fc.oneof(
		{ arbitrary: fc.constant('put'), weight: 6 },
		{ arbitrary: fc.constant('delete'), weight: 1 }
	),
	base: recordBase,
	corrupt: fc.oneof(
		{ arbitrary: fc.constant([]), weight: 3 },
		{ arbitrary: fc.array(corruption, { minLength: 1, maxLength: 3 }), weight: 2 }
	),
	hlc: hlcKind,
	counter: fc.nat({ max: 0xffff }),
	fields: fc.oneof(
		{ arbitrary: fc.constant(undefined), weight: 6 },
		{ arbitrary: fc.array(fieldName, { maxLength: 6 }), weight: 2 }
	),
	recordId: fc.oneof(
		{ arbitrary: fc.constant('match'), weight: 15 },
		{ arbitrary: nastyString, weight: 1 }
	),
	mutationId: fc.oneof(
		{ arbitrary: fc.constant('fresh'), weight: 20 },
		{ arbitrary: fc.constant('reuse'), weight: 2 },
		{ arbitrary: nastyString, weight: 1 }
	),
	junkKey: fc.option(fc.record({ key: fieldName, value: junk }), { freq: 8 })
});

/** What can be wrong with a push envelope around well-formed mutations. */
const envelopeFault = fc.oneof(
	{ arbitrary: fc.constant(null), weight: 30 },
	{
		arbitrary: fc.oneof(
			fc.record({ kind: fc.constant('version'), value: junk }),
			fc.record({ kind: fc.constant('deviceId'), value: junk }),
			fc.record({
				kind: fc.constant('drop'),
				field: fc.constantFrom('version', 'deviceId', 'mutations')
			}),
			fc.record({ kind: fc.constant('mutations'), value: junk }),
			fc.record({ kind: fc.constant('tooMany'), n: fc.integer({ min: 501, max: 700 }) }),
			fc.record({
				kind: fc.constant('mutationField'),
				field: fc.constantFrom('mutationId', 'entity', 'recordId', 'op', 'record', 'hlc', 'fields'),
				value: junk
			}),
			fc.record({ kind: fc.constant('body'), value: junk }),
			fc.record({ kind: fc.constant('extra'), key: fieldName, value: junk })
		),
		weight: 3
	}
);

const pushRequest = fc.record({
	endpoint: fc.constant('push'),
	actor,
	device: fc.constantFrom('dev-a', 'dev-b', 'dev-c', 'phone:1', 'x.y_z-9'),
	mutations: fc.oneof(
		{ arbitrary: fc.array(mutation, { maxLength: 8 }), weight: 30 },
		{ arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }), weight: 1 }
	),
	/** Repeat the mutations (fresh ids) up to this many: a phone's big batch. */
	repeat: fc.oneof(
		{ arbitrary: fc.constant(1), weight: 40 },
		{ arbitrary: fc.integer({ min: 50, max: 500 }), weight: 1 }
	),
	fault: envelopeFault
});

const pullRequest = fc.record({
	endpoint: fc.constant('pull'),
	actor,
	body: fc.oneof(
		{
			arbitrary: fc.record({
				version: fc.constant(1),
				cursor: fc.oneof(fc.nat({ max: 5000 }), fc.constant(0)),
				limit: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined })
			}),
			weight: 3
		},
		{
			arbitrary: fc.record(
				{ version: fc.oneof(fc.constant(1), junk), cursor: junk, limit: junk, extra: junk },
				{ requiredKeys: [] }
			),
			weight: 2
		},
		{ arbitrary: junk, weight: 1 }
	)
});

const USERNAMES = ['admin', 'fz-staff', 'fz-head', 'fz-monitor', 'fz-victim-0', 'nobody'];
const passwordish = fc.oneof(
	nastyString,
	fc.constantFrom('password', '123456789012', 'Mật-khẩu-đủ-dài-2026', 'x'.repeat(300)),
	fc.string({ minLength: 10, maxLength: 30 })
);

const authRequest = fc.oneof(
	fc.record({
		endpoint: fc.constant('login'),
		actor: fc.constant('anon'),
		body: fc.oneof(
			fc.record({ username: fc.oneof(fc.constantFrom(...USERNAMES), junk), password: passwordish }),
			fc.record({ username: junk, password: junk, extra: junk }, { requiredKeys: [] }),
			junk
		)
	}),
	fc.record({
		endpoint: fc.constant('me'),
		actor,
		header: fc.option(nastyString, { nil: undefined })
	}),
	fc.record({
		endpoint: fc.constant('logout'),
		// Never with a real session: the run keeps its sessions.
		actor: fc.constantFrom('anon', 'badtoken', 'badcookie'),
		body: fc.option(junk, { nil: undefined })
	}),
	fc.record({
		endpoint: fc.constant('password'),
		actor,
		body: fc.oneof(
			fc.record({ currentPassword: passwordish, newPassword: passwordish }, { requiredKeys: [] }),
			junk
		)
	})
);

const userBody = fc.oneof(
	fc.record(
		{
			username: fc.oneof(fc.constantFrom(...USERNAMES), nastyString, fc.constant('fz-new')),
			password: passwordish,
			displayName: fc.oneof(nastyString, fc.constant('x'.repeat(500))),
			role: fc.oneof(fc.constantFrom('admin', 'monitor', 'unit_head', 'staff'), junk),
			unitCode: fc.oneof(fc.constantFrom(...REAL_UNITS, null), junk)
		},
		{ requiredKeys: [] }
	),
	fc.record(
		{
			role: fc.oneof(fc.constantFrom('admin', 'monitor', 'unit_head', 'staff'), junk),
			unitCode: fc.oneof(fc.constantFrom(...REAL_UNITS, null), junk),
			disabled: fc.oneof(fc.boolean(), junk),
			password: passwordish
		},
		{ requiredKeys: [] }
	),
	junk
);

const usersRequest = fc.record({
	endpoint: fc.constant('users'),
	actor,
	call: fc.constantFrom('list', 'create', 'patch', 'reset', 'sessions', 'lockout'),
	/** A throwaway account, one of the run's own (refused unless the caller is not an admin), or junk. */
	target: fc.oneof(
		{ arbitrary: fc.constantFrom('victim', 'victim', 'own'), weight: 3 },
		{ arbitrary: nastyString, weight: 1 }
	),
	unique: fc.boolean(),
	body: userBody
});

const subscribeRequest = fc.record({
	endpoint: fc.constant('subscribe'),
	actor,
	method: fc.constantFrom('POST', 'POST', 'DELETE'),
	endpointUrl: fc.oneof(
		fc.constantFrom(
			'http://127.0.0.1:9/push',
			'https://127.0.0.1/push',
			'https://localhost/push',
			'https://[::1]/push',
			'https://10.0.0.8/push',
			'https://192.168.1.1/push',
			'https://169.254.169.254/latest/meta-data',
			'https://[fe80::1]/push',
			'https://0.0.0.0/push',
			'https://2130706433/push',
			'https://0x7f.1/push',
			'file:///etc/passwd',
			'javascript:alert(1)',
			'ftp://push.fuzz.invalid/x',
			'https://push.fuzz.invalid/send/abc',
			'https://push.fuzz.test/send/def',
			'https://user:pass@push.fuzz.invalid/x',
			'https://push.fuzz.invalid:8443/x'
		),
		nastyString
	),
	keys: fc.oneof(
		fc.record({
			p256dh: fc.constantFrom('BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u', '!!'),
			auth: fc.constantFrom('tBHItJI5svbpez7KI4CCXg', '', 'a'.repeat(600))
		}),
		junk
	),
	extra: fc.option(junk, { nil: undefined })
});

/** Raw bodies: not JSON, not UTF-8, empty, oversized, chunked, wrong content types, cross-site. */
const rawRequest = fc.record({
	endpoint: fc.constant('raw'),
	actor,
	path: fc.constantFrom(
		'/api/sync/push',
		'/api/sync/push',
		'/api/sync/pull',
		'/api/auth/login',
		'/api/auth/password',
		'/api/users',
		'/api/push/subscribe'
	),
	body: fc.oneof(
		fc.record({ kind: fc.constant('text'), text: nastyString }),
		fc.constantFrom(
			{ kind: 'empty' },
			{ kind: 'truncated' },
			{ kind: 'latin1' },
			{ kind: 'bom' },
			{ kind: 'deep' },
			{ kind: 'dupKeys' },
			{ kind: 'proto' }
		),
		fc.record({ kind: fc.constant('oversized'), size: fc.integer({ min: 458_753, max: 700_000 }) }),
		fc.record({ kind: fc.constant('chunked'), size: fc.integer({ min: 300_000, max: 900_000 }) }),
		fc.record({ kind: fc.constant('atLimit'), size: fc.integer({ min: 440_000, max: 458_752 }) })
	),
	contentType: fc.constantFrom(
		'application/json',
		'application/json',
		'text/plain',
		'application/x-www-form-urlencoded',
		'multipart/form-data; boundary=x',
		'application/json; charset=latin1',
		null
	),
	crossSite: fc.boolean()
});

/** One request of the run: mostly pushes, the endpoint where records come in. */
export const requestArb = fc.oneof(
	{ arbitrary: pushRequest, weight: 60 },
	{ arbitrary: pullRequest, weight: 10 },
	{ arbitrary: authRequest, weight: 6 },
	{ arbitrary: usersRequest, weight: 7 },
	{ arbitrary: subscribeRequest, weight: 7 },
	{ arbitrary: rawRequest, weight: 10 }
);

/** The descriptors of a run: chunk `c` is drawn from seed + c, so any request can be replayed. */
export function descriptors(seed, runs, chunk = 250) {
	const cache = new Map();
	return (i) => {
		const c = Math.floor(i / chunk);
		if (!cache.has(c)) {
			cache.clear();
			cache.set(c, fc.sample(requestArb, { seed: (seed + c) | 0, numRuns: chunk }));
		}
		return cache.get(c)[i % chunk];
	};
}
