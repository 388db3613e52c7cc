// ESLint flat config: TypeScript rules plus the layer table of docs/design.md, enforced per folder.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ESLint's own "recommended" rule set, derived from the rules' metadata. This is exactly what
// @eslint/js's `configs.recommended` contains; deriving it avoids adding @eslint/js as a dependency.
const eslintRecommended = Object.fromEntries(
  [...builtinRules]
    .filter(([, rule]) => rule.meta?.docs?.recommended === true)
    .map(([name]) => [name, 'error']),
);

// ---------------------------------------------------------------------------------------------
// The layer table (docs/design.md). Each restriction is a regular expression on the import string,
// used by `no-restricted-imports` (static import/export) and by the local `layers/no-restricted-
// dynamic-imports` rule (`import('x')`, `require('x')`), so neither form can bypass a layer.
// ---------------------------------------------------------------------------------------------
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const nodeBuiltins = [...new Set(builtinModules.map((m) => m.split('/')[0]))];

const restrict = {
  electron: {
    regex: '^electron(?:/.*)?$',
    message: 'This layer must not import Electron (docs/design.md layer table).',
  },
  node: {
    regex: `^(?:node:.+|(?:${nodeBuiltins.map(escapeRe).join('|')})(?:/.*)?)$`,
    message: 'This layer must not import Node built-ins (docs/design.md layer table).',
  },
  // Relative walks up to a sibling top-level folder, the electron-vite aliases, and src/ paths.
  main: {
    regex: '^(?:(?:\\.\\./)+main|@main|(?:.*/)?src/main)(?:/.*)?$',
    message: 'This layer must not import from src/main (docs/design.md layer table).',
  },
  renderer: {
    regex: '^(?:(?:\\.\\./)+renderer|@renderer|(?:.*/)?src/renderer)(?:/.*)?$',
    message: 'This layer must not import from src/renderer (docs/design.md layer table).',
  },
  preload: {
    regex: '^(?:(?:\\.\\./)+preload|@preload|(?:.*/)?src/preload)(?:/.*)?$',
    message: 'This layer must not import from src/preload (docs/design.md layer table).',
  },
  // The sandboxed preload may import `electron` and the IPC contract folder, nothing else.
  preloadOnly: {
    regex: '^(?!electron$|\\.\\./shared/ipc/[^/]+$).*',
    message:
      "The preload may import only 'electron' and ../shared/ipc/* (docs/design.md layer table).",
  },
};

/** Config objects enforcing one layer. Flat config replaces (not merges) rule options, so every
 * folder gets its complete list in one object, and the folders' globs must not overlap. */
function layer(files, restrictions, ignores = []) {
  const patterns = restrictions.map(({ regex, message }) => ({ regex, message }));
  return {
    name: `caseseal/layers ${files.join(' ')}`,
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'layers/no-restricted-dynamic-imports': ['error', { patterns }],
    },
  };
}

/** `no-restricted-imports` ignores `import()` and `require()`; this applies the same patterns to them. */
const noRestrictedDynamicImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Apply the layer restrictions to import() and require() calls' },
    schema: [
      {
        type: 'object',
        properties: {
          patterns: {
            type: 'array',
            items: {
              type: 'object',
              properties: { regex: { type: 'string' }, message: { type: 'string' } },
              required: ['regex'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const patterns = (context.options[0]?.patterns ?? []).map((p) => ({
      re: new RegExp(p.regex, 'u'),
      message: p.message ?? 'This import is restricted in this layer.',
    }));
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const hit = patterns.find((p) => p.re.test(source.value));
      if (hit)
        context.report({ node, message: `'${source.value}' import is restricted: ${hit.message}` });
    };
    return {
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          check(node, node.arguments[0]);
      },
    };
  },
};

const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'fetch',
    'performance',
    'globalThis',
  ].map((g) => [g, 'readonly']),
);
const commonjsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig(
  {
    name: 'caseseal/ignores',
    ignores: [
      'out/',
      'dist/',
      'release/',
      'node_modules/',
      'tools/electronegativity/node_modules/',
      'test-results/',
      'playwright-report/',
      'coverage/',
      'artifacts/',
      '.tmp/',
      'reports/',
      '.stryker-tmp*/',
    ],
  },
  {
    name: 'caseseal/base',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { layers: { rules: { 'no-restricted-dynamic-imports': noRestrictedDynamicImports } } },
    rules: eslintRecommended,
  },
  // TypeScript: the syntactic recommended set everywhere, plus a few type-aware rules that are
  // cheap and catch real bugs in async IPC/database code (floating or misused promises).
  ...tseslint.configs.recommended,
  {
    name: 'caseseal/typescript-type-aware',
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    name: 'caseseal/javascript',
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'caseseal/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: commonjsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'caseseal/react-hooks',
    files: ['src/renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Screens load their data from main in effects (there is no Suspense data library here), so
      // "setState in an effect" is the intended pattern; the rule is a React Compiler hint.
      'react-hooks/set-state-in-effect': 'off',
    },
  },

  // ---- the layer table ----
  layer(
    ['src/shared/**'],
    [restrict.electron, restrict.node, restrict.main, restrict.renderer, restrict.preload],
  ),
  layer(
    ['src/main/core/**', 'src/main/db/**'],
    [restrict.electron, restrict.renderer, restrict.preload],
  ),
  layer(
    ['src/main/**'],
    [restrict.renderer, restrict.preload],
    ['src/main/core/**', 'src/main/db/**'],
  ),
  layer(['src/renderer/**'], [restrict.electron, restrict.node, restrict.main, restrict.preload]),
  layer(['src/preload/**'], [restrict.preloadOnly]),
  layer(['src/cli/**'], [restrict.electron, restrict.renderer, restrict.preload]),
);
