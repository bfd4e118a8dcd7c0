import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importPlugin from 'eslint-plugin-import';

/*
 * The floors of the house (docs/ARCHITECTURE.md), top to bottom. A file may import its own floor
 * and the floors below it, never one above: doors turn requests into calls on services, services
 * run the use cases on the domain, and the domain never knows who asked.
 */
const DOORS = ['bot', 'schema', 'src/cli.ts', 'src/cliAskModel.ts', 'src/cliDatabase.ts', 'src/cliEngine.ts', 'src/cliOutput.ts', 'src/server.ts', 'jobs'];
const SERVICES = ['src/services'];
const MEANING = ['src/language', 'src/scenarios'];
const ENGINES = ['src/mmm', 'src/optimizer', 'src/data', 'src/charts', 'src/format', 'src/jobs'];
const STORAGE = ['src/entities', 'src/db', 'migrations', 'ormconfig.ts'];
const BASE = ['src/config.ts', 'src/logger.ts', 'src/deadline.ts', 'src/workerThreads.ts', 'src/linearAlgebra.ts'];
const FLOORS = [DOORS, SERVICES, MEANING, ENGINES, STORAGE, BASE];
const TEST_CODE = ['testkit', 'test', 'bench'];

const paths = (list) => list.map((p) => `./${p}`);
const UPWARD = 'imports a floor above its own (docs/ARCHITECTURE.md)';

/** No floor imports one above it; nothing in the product imports test code; the optimizer imports only the base. */
function layerZones() {
  const upward = FLOORS.flatMap((floor, i) => {
    if (i === 0) return [];
    const above = FLOORS.slice(0, i).flat();
    return [{ target: paths(floor), from: paths(above), message: UPWARD }];
  });
  return [
    ...upward,
    { target: paths(FLOORS.flat()), from: paths(TEST_CODE), message: 'test code (testkit/, test/, bench/) stays out of the product (docs/ARCHITECTURE.md)' },
    { target: ['./src/optimizer'], from: paths(ENGINES.filter((p) => p !== 'src/optimizer')), message: 'the optimizer is a leaf: it speaks only its own terms (docs/ARCHITECTURE.md)' },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'schema/schema.graphql', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The bin shim and the build scripts are plain CommonJS run by node before anything is compiled.
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } }, 'import/parsers': { '@typescript-eslint/parser': ['.ts'] } },
    rules: {
      'import/no-cycle': 'error',
      'import/no-restricted-paths': ['error', { zones: layerZones() }],
    },
  },
);
