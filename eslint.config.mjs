// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'fs/promises', 'node:fs', 'node:fs/promises', 'path', 'node:path', 'child_process', 'node:child_process', 'os', 'node:os'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.runs/**', 'test-results/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use a union of string literals.' }],
    },
  },
  {
    // The domain core runs in the extension, a CLI, tests and a browser: no VS Code, no file system.
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must not depend on VS Code; add a port and adapt it outside core.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'src/core must not use Node built-ins; file access goes through the FileSystemPort.' })),
        ],
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', window: 'readonly', document: 'readonly', getComputedStyle: 'readonly' } },
  },
);
