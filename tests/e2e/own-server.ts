import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';

/**
 * A server of the test's own (node build from a copy of the build), for tests that must stop,
 * restart or redeploy it without touching the shared webServer.
 */
export class OwnServer {
	readonly buildDir: string;
	readonly dataDir: string;
	readonly url: string;
	#child: ChildProcess | null = null;

	constructor(readonly port: number) {
		// Inside the project so the copied server still resolves node_modules (better-sqlite3).
		mkdirSync('test-results', { recursive: true });
		const root = path.resolve(mkdtempSync(path.join('test-results', 'own-server-')));
		this.buildDir = path.join(root, 'build');
		this.dataDir = path.join(root, 'data');
		cpSync('build', this.buildDir, { recursive: true });
		this.url = `http://127.0.0.1:${port}`;
	}

	/** Start `node build`; `env` adds or overrides variables (e.g. ORIGIN). */
	async start(env: Record<string, string> = {}): Promise<void> {
		this.#child = spawn(process.execPath, [this.buildDir], {
			env: {
				...process.env,
				...env,
				PORT: String(this.port),
				HOST: '127.0.0.1',
				DATA_DIR: this.dataDir,
				ADMIN_PASSWORD: 'own-server-password'
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

	async stop(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			child.once('exit', () => resolve());
			child.kill('SIGKILL');
		});
		this.#child = null;
	}
}
