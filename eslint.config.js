import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', '.vitest-report.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The pure core must stay free of I/O: it is tested without Redis, Telegram, the network or the disk.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...['grammy', 'bullmq', 'ioredis', 'pino', 'pino-pretty', 'undici', 'express', 'prom-client'].map(
              (name) => ({ name, message: 'src/core is pure: I/O libraries belong in adapters.' }),
            ),
          ],
          patterns: [
            {
              // Node built-ins: only node:crypto (hashing) is pure enough for the core.
              regex: '^node:(?!crypto$)',
              message: 'src/core is pure: of the node: modules only node:crypto is allowed.',
            },
            {
              regex: String.raw`^(fs|net|http|https|http2|dns|child_process|os|path|url|zlib|stream|worker_threads|cluster|dgram|tls|readline|process|v8|vm|crypto|timers)(/.*)?$`,
              message: 'src/core is pure: use the node: prefix, and only node:crypto.',
            },
            {
              regex: String.raw`(^|/)(adapters|runtime|services|server|bot|cli|lib|jobs|tests|tools|bench)(/|$)`,
              message: 'src/core imports only core, errors and pure packages.',
            },
            {
              regex: String.raw`(^|/)(logger|config|settings|cli)(\.js)?$`,
              message: 'src/core takes what it needs as arguments (no logger, config or settings).',
            },
          ],
        },
      ],
    },
  },
  {
    // Production code never reaches into jobs/ (it is handed the worker root), tests, benchmarks or dev tools.
    files: ['src/**/*.ts'],
    ignores: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`(^|/)(jobs|tests|tools|bench)/`,
              message: 'src never imports jobs/, tests/, tools/ or bench/ (bin/newsdigest.js hands them in).',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: String.raw`ImportExpression[source.value=/(^|\/)(jobs|tests|tools|bench)\//]`,
          message: 'src never imports jobs/, tests/, tools/ or bench/, not even lazily.',
        },
      ],
    },
  },
  {
    // Workers and dev tools are shipped or shared: they never depend on the test suite or the benchmarks.
    files: ['jobs/**/*.ts', 'tools/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`(^|/)(tests|bench)/`,
              message: 'jobs/ and tools/ never import tests/ or bench/.',
            },
          ],
        },
      ],
    },
  },
);
