import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * Layers: imports run one way (docs/ARCHITECTURE.md, "Layers"). Each folder of src/lib may import
 * only the folders below it: routes -> components -> state (state, notify, pwa, users) ->
 *(db, sync; only sync imports db) -> csv -> i18n -> domain; server -> (i18n, domain). Cross-folder imports
 * use `$lib/<folder>` (or `../<folder>` from a file directly in a folder), which this rule checks.
 */
const LIB_FOLDERS = [
	'routes',
	'components',
	'state',
	'notify',
	'pwa',
	'users',
	'db',
	'sync',
	'csv',
	'i18n',
	'domain',
	'server'
];
/**
 * The import rule of one layer: `$lib/<folder>` anywhere in it, and `../<folder>` in the files
 * directly in its folders (deeper, `../` names a subfolder of the same layer).
 */
function layer(folders, allowed, why) {
	const names = LIB_FOLDERS.filter((f) => !allowed.includes(f)).join('|');
	const message = `Layers run one way: ${why} (docs/ARCHITECTURE.md, "Layers").`;
	const rule = (prefix) => ({
		'no-restricted-imports': [
			'error',
			{ patterns: [{ regex: `^${prefix}(${names})(/|$)`, message }] }
		]
	});
	return [
		{
			files: folders.map((f) => `src/lib/${f}/**`),
			ignores: ['**/*.spec.ts'],
			rules: rule('(\\$lib/|\\.\\./\\.\\./)')
		},
		{
			files: folders.map((f) => `src/lib/${f}/*`),
			ignores: ['**/*.spec.ts'],
			rules: rule('(\\$lib/|\\.\\./)')
		}
	];
}
const LOWER = ['csv', 'i18n', 'domain'];
const STATE = ['state', 'notify', 'pwa', 'users'];
const layers = [
	layer(['domain'], ['domain'], 'domain is pure and imports nothing else of the app'),
	layer(['csv'], ['csv', 'i18n', 'domain'], 'csv imports only i18n and domain'),
	layer(['i18n'], ['i18n', 'domain'], 'i18n imports only domain'),
	layer(['db'], ['db', ...LOWER], 'db never imports sync, state or above'),
	layer(['sync'], ['sync', 'db', ...LOWER], 'sync imports db and below, never state'),
	layer(STATE, [...STATE, 'db', 'sync', ...LOWER], 'state never imports components or routes'),
	layer(
		['components'],
		['components', ...STATE, 'db', 'sync', ...LOWER],
		'components never import routes or the server'
	),
	layer(['server'], ['server', 'i18n', 'domain'], 'the server imports only i18n and domain')
].flat();

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'data/',
			'bench-out/',
			'dev-dist/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			],
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// The app is served at the root (no base path), so plain '/meetings' links are correct.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	...layers,
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		files: ['**/*.js', '**/*.mjs', '*.config.*'],
		...ts.configs.disableTypeChecked
	}
);
