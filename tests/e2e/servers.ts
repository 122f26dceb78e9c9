/**
 * The suite's shared servers: one per Playwright worker (playwright.config.ts starts them), so two
 * specs running side by side never see each other's accounts, records or rate limits. Worker i
 * (TEST_PARALLEL_INDEX, in each worker's environment) talks to the server on FIRST_PORT + i, whose
 * data is under serverDataDir(i). Set the number of workers with E2E_WORKERS, not `--workers`: the
 * config starts E2E_WORKERS servers, and a worker beyond them would find none.
 */
export const WORKERS = Number(process.env.E2E_WORKERS ?? 2);
const FIRST_PORT = Number(process.env.E2E_PORT ?? 4173);

export const serverPort = (i: number): number => FIRST_PORT + i;
export const serverDataDir = (i: number): string => `test-results/e2e-data-${i}`;

/** This worker's index among the servers (0 outside a worker, where the config is first read). */
export const workerServer = (): number => Number(process.env.TEST_PARALLEL_INDEX ?? 0);
