// One flat config for the whole repository: TypeScript sources get type-aware rules; bundles (dist/, bin/) are skipped.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', 'bin/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'examples/**/model/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Only the runtime adapters may talk to the Actions toolkit; everything else takes them as parameters.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@actions/*'], message: 'Import @actions/* only in shared/src/runtime/.' }] }],
    },
  },
  {
    files: ['shared/src/runtime/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
