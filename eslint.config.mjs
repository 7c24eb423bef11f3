// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Every Node built-in, with and without the node: prefix (crypto, url, util, zlib, … as well as fs).
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`])))];

const enumRule = { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' };
// Each spread item is one argument on the stack: past ~125,000 the call throws "Maximum call stack size exceeded".
// (Registering a handful of disposables with subscriptions.push(...list) or disposables.push(...) is fine.)
const unboundedSpreadRule = {
  selector:
    'CallExpression[callee.property.name=/^(push|unshift|splice|max|min|fromCharCode|fromCodePoint|apply)$/]:not([callee.object.property.name=/^(subscriptions|disposables)$/]) > SpreadElement',
  message:
    'Spreading an array into push/unshift/splice/Math.max/min/String.fromCharCode overflows the stack on long arrays: use append() or maxOf() from src/core/port.ts, or a loop.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.runs/**', 'test-results/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', enumRule],
    },
  },
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', enumRule, unboundedSpreadRule],
      // Split along the seams a file or function already has before it grows past these (CONTRIBUTING.md).
      'max-lines': ['error', { max: 500 }],
      'max-lines-per-function': ['error', { max: 120 }],
    },
  },
  {
    // Features reach the machine (Node's file system, git, links) only through ports: src/platform/localMachine.ts
    // for the study and the features, implemented in src/node and chosen by the composition root or the CLI.
    files: ['src/**/*.ts'],
    ignores: ['src/node/**', 'src/platform/**', 'src/extension.ts', 'src/cli.ts', 'src/cliExports.ts', 'src/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/node/*', './node/*'],
              message:
                'Only src/platform, the composition root and the CLI import src/node; use the LocalMachine port (src/platform/localMachine.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain core runs in the extension, a CLI, tests and a browser: no VS Code, no file system.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not depend on VS Code; add a port and adapt it outside core.' },
            ...nodeBuiltins.map((name) => ({
              name,
              message:
                'src/core must not use Node built-ins (it runs in a browser too); file access goes through the FileSystemPort, anything else through a port or a portable library.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'src/core must not use Node built-ins.' },
            { group: ['**/node/*'], message: 'src/core must not use src/node (Node built-ins).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        window: 'readonly',
        document: 'readonly',
        getComputedStyle: 'readonly',
      },
    },
  },
);
