// Lint rules, including the house's import direction (shared/DESIGN.md):
//   renderer → core/app/api.ts and the pure core modules · electron → core/app (and the CLI entry)
//   core → nothing of ours outside core, and never electron or react.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Core modules that import nothing from Node: the renderer and the preload may use them. */
const PURE_CORE = [
  'app/api.ts',
  'app/methods.ts',
  'app/navigation.ts',
  'app/result.ts',
  'app/types/check.ts',
  'app/types/policy.ts',
  'app/types/push.ts',
  'targets/compiled.ts',
  'targets/target.ts',
  'app/types/servers.ts',
  'app/types/senders.ts',
  'senders/types.ts',
  'app/types/stats.ts',
  'app/types/review.ts',
  'engine/types.ts',
  'policy/rules.ts',
  'policy/address-match.ts',
  'app/validation.ts',
  'app/wire.ts',
  'settings/schema.ts',
  'policy/client-match.ts',
  'policy/cloud-senders.ts',
  'policy/diff.ts',
  'policy/messages.ts',
  'policy/schema.ts',
  'policy/templates.ts',
];

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'ssh2', 'ws', 'electron'];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      '.tsbuild/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js', 'build/*.mjs', 'build/*.d.mts', 'test/support/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] }),
      ],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './core',
              from: './electron',
              message: 'core/ must not import the Electron shell.',
            },
            { target: './core', from: './renderer', message: 'core/ must not import the UI.' },
            { target: './core', from: './test', message: 'core/ must not import tests.' },
            {
              target: './renderer',
              from: './electron',
              message: 'The UI reaches the shell only through AppApi.',
            },
            {
              target: './renderer',
              from: './core',
              except: PURE_CORE.map((f) => `./${f}`),
              message:
                'The UI may import from core only the API contract and pure modules (see PURE_CORE in eslint.config.js).',
            },
            {
              target: './electron',
              from: './renderer',
              message: 'The shell does not import UI code.',
            },
            {
              target: './electron',
              from: './core',
              except: ['./app', './cli/main.ts'],
              message:
                'The shell reaches core through core/app (and the CLI entry core/cli/main.ts).',
            },
            ...PURE_CORE.map((f) => ({
              target: `./core/${f}`,
              from: './core',
              except: PURE_CORE.map((g) => `./${g}`),
              message: 'A pure core module may import only other pure modules.',
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'react-router', 'recharts'].map((name) => ({
            name,
            message: 'core/ is plain TypeScript on Node: no Electron, no React.',
          })),
          patterns: [
            { group: ['@tanstack/*', 'react-dom/*'], message: 'core/ has no UI dependencies.' },
          ],
        },
      ],
    },
  },
  {
    files: [...PURE_CORE.map((f) => `core/${f}`), 'renderer/**/*.{ts,tsx}', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_BUILTINS, ...NODE_ONLY_PACKAGES.filter((p) => p !== 'electron')].map(
            (name) => ({
              name,
              message:
                'This code runs without Node (renderer, sandboxed preload, pure core): reach the system through AppApi.',
            }),
          ),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [...NODE_BUILTINS, ...NODE_ONLY_PACKAGES].map((name) => ({
            name,
            message: 'The renderer has no Node: reach the system through AppApi.',
          })),
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'build/**/*.mjs', '*.config.ts'],
    rules: { 'no-console': 'off' },
  },
);
