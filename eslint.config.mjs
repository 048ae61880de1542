import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The domain stays pure: no framework, database, broker or queue imports (DESIGN §6).
const forbiddenInDomain = [
  '@nestjs/*', 'typeorm', 'pg', 'pg-*', 'kafkajs', 'bullmq', 'ioredis', '@eventstore/*',
  'express', 'fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'http', 'node:http',
  'child_process', 'node:child_process', '@monitoring/event-store', '@monitoring/platform',
  '@monitoring/config',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: forbiddenInDomain, message: 'libs/domain is pure: no framework or I/O imports.' }] },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Time comes in as an argument; parse dates with the domain time helpers.' },
        { name: 'process', message: 'The domain reads no environment.' },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
);
