/**
 * The set-up the server specs share: clean-ups run after each test (last pushed first: a storage
 * closes before its database is dropped), and PostgreSQL on one throwaway cluster per spec file
 * (`$lib/server/storage/pg-test-cluster.ts`: TEST_DATABASE_URL, else scripts/pg-cluster.sh; never
 * skipped), stopped after the file. Each spec file imports this module afresh, so "the file's
 * cluster" is this module's.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
	createTestDatabase,
	startTestCluster,
	type TestCluster
} from '$lib/server/storage/pg-test-cluster';

export type Cleanup = () => Promise<void> | void;

/** A list of clean-ups run (and emptied) after each test of the file, the last pushed first. */
export function useCleanups(): Cleanup[] {
	const cleanups: Cleanup[] = [];
	afterEach(async () => {
		for (const c of cleanups.splice(0).reverse()) await c();
	});
	return cleanups;
}

let cluster: TestCluster | null = null;
afterAll(() => {
	cluster?.stop();
	cluster = null;
});

/** The cluster of this spec file, started on first use, stopped after the file. */
export function pgCluster(): TestCluster {
	cluster ??= startTestCluster();
	return cluster;
}

export interface PgTestCluster {
	/** The file's clean-ups (`useCleanups`). */
	cleanups: Cleanup[];
	/** A fresh, empty database (a schema) on the file's cluster, dropped after the test. */
	database(): Promise<{ url: string; drop(): Promise<void> }>;
}

/** The file's cluster, started before its first test, and its clean-ups after each test. */
export function usePgCluster(): PgTestCluster {
	beforeAll(() => void pgCluster());
	const cleanups = useCleanups();
	return {
		cleanups,
		async database() {
			const db = await createTestDatabase(pgCluster().url);
			cleanups.push(() => db.drop());
			return db;
		}
	};
}
