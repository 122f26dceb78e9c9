/**
 * PostgreSQL for tests, never skipped: TEST_DATABASE_URL when set (a server the caller runs), else
 * a throwaway cluster started here with scripts/pg-cluster.sh (initdb + pg_ctl in a temp folder,
 * as an unprivileged user; installs Debian's postgresql when missing). Each caller gets a fresh
 * database of its own on it.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCRIPT = path.resolve(
	path.dirname(fileURLToPath(import.meta.url)),
	'../../../../scripts/pg-cluster.sh'
);

export interface TestCluster {
	/** A URL of the cluster's maintenance database (where databases are created). */
	url: string;
	stop(): void;
}

/** Start a throwaway cluster, or use TEST_DATABASE_URL. */
export function startTestCluster(): TestCluster {
	const given = process.env.TEST_DATABASE_URL;
	if (given) return { url: given, stop: () => {} };
	const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 600_000 });
	const value = (name: string) => {
		const line = out.split('\n').find((l) => l.startsWith(`${name}=`));
		if (!line) throw new Error(`pg-cluster.sh printed no ${name}:\n${out}`);
		return line.slice(name.length + 1);
	};
	const dir = value('PGCLUSTER_DIR');
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		process.off('exit', stop);
		execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
	};
	// A test run that ends early still leaves no server behind.
	process.on('exit', stop);
	return { url: value('DATABASE_URL'), stop };
}

/**
 * A new empty schema on the cluster, as its own database would be (a `search_path` in the URL;
 * much cheaper than CREATE DATABASE); returns its URL and a function that drops it.
 */
export async function createTestDatabase(
	clusterUrl: string
): Promise<{ url: string; drop(): Promise<void> }> {
	const name = `t_${randomBytes(6).toString('hex')}`;
	// A generated name of [0-9a-z_]: safe as an identifier (DDL takes no parameters).
	await adminQuery(clusterUrl, `CREATE SCHEMA ${name}`);
	const url = new URL(clusterUrl);
	url.searchParams.set('options', `-c search_path=${name}`);
	return {
		url: url.toString(),
		drop: () => adminQuery(clusterUrl, `DROP SCHEMA IF EXISTS ${name} CASCADE`)
	};
}

async function adminQuery(clusterUrl: string, sql: string): Promise<void> {
	const c = new pg.Client({ connectionString: clusterUrl });
	await c.connect();
	try {
		await c.query(sql);
	} finally {
		await c.end();
	}
}
