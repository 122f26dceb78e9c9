import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { ADMIN_PASSWORD } from './sync-support';

export interface OwnServerOptions {
	/** Extra server environment (e.g. WRITE_PER_MINUTE, DATABASE_URL). */
	env?: Record<string, string>;
	/** Serve a copy of the build (a test that redeploys changes its files); else `build` itself. */
	copyBuild?: boolean;
}

/**
 * A server of the test's own (`node build` on a free port, its own DATA_DIR, admin password
 * ADMIN_PASSWORD), for tests that must kill, restart or redeploy it without touching the shared
 * webServer.
 */
export class OwnServer {
	readonly buildDir: string;
	readonly dataDir: string;
	readonly url: string;
	readonly env: Record<string, string>;
	#child: ChildProcess | null = null;

	constructor(
		readonly port: number,
		options: OwnServerOptions = {}
	) {
		// Inside the project so a copied server still resolves node_modules (better-sqlite3).
		mkdirSync('test-results', { recursive: true });
		const root = path.resolve(mkdtempSync(path.join('test-results', 'own-server-')));
		this.dataDir = path.join(root, 'data');
		if (options.copyBuild) {
			this.buildDir = path.join(root, 'build');
			cpSync('build', this.buildDir, { recursive: true });
		} else this.buildDir = path.resolve('build');
		this.env = options.env ?? {};
		this.url = `http://127.0.0.1:${port}`;
	}

	/** Start `node build` and wait for /api/health; `env` adds to or overrides the constructor's. */
	async start(env: Record<string, string> = {}): Promise<void> {
		this.#child = spawn(process.execPath, [this.buildDir], {
			env: {
				...process.env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				DATA_DIR: this.dataDir,
				ADMIN_PASSWORD,
				...this.env,
				...env
			},
			stdio: ['ignore', 'ignore', 'inherit']
		});
		for (let i = 0; i < 150; i++) {
			try {
				if ((await fetch(`${this.url}/api/health`)).ok) return;
			} catch {
				/* not up yet */
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		throw new Error('own server did not start');
	}

	/** The admin's session token (signed in through the API). */
	async adminToken(): Promise<string> {
		const res = await fetch(`${this.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD })
		});
		if (!res.ok) throw new Error(`admin sign-in on ${this.url}: ${res.status}`);
		return ((await res.json()) as { token: string }).token;
	}

	/**
	 * SIGTERM, as a process manager stops a service: resolves with the exit code, or null when the
	 * process was still running after `withinMs` (it is then killed, so no test leaves it behind).
	 */
	async stop(withinMs: number): Promise<number | null> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return child?.exitCode ?? null;
		const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
		child.kill('SIGTERM');
		let timer: ReturnType<typeof setTimeout> | undefined;
		const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), withinMs)));
		const outcome = await Promise.race([exited, late]);
		clearTimeout(timer);
		if (outcome === 'late') {
			await this.kill();
			return null;
		}
		this.#child = null;
		return outcome;
	}

	/** SIGKILL: no graceful shutdown, as a crash or a power cut of the process. */
	async kill(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGKILL');
		await exited;
		this.#child = null;
	}
}
