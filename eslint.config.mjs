import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Boundaries: a service may import only contracts and the shared platform libraries, never another
// service; only the single-process composition (apps/platform) may assemble several services.
const depConstraints = [
  // Apps may use every kind of library except testing (added back for test files below).
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:app', 'type:contracts', 'type:util', 'type:data'],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data'] },
  { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:referrals', onlyDependOnLibsWithTags: ['scope:referrals', 'scope:shared'] },
  { sourceTag: 'scope:booking', onlyDependOnLibsWithTags: ['scope:booking', 'scope:shared'] },
  { sourceTag: 'scope:reminders', onlyDependOnLibsWithTags: ['scope:reminders', 'scope:shared'] },
  { sourceTag: 'scope:inreach', onlyDependOnLibsWithTags: ['scope:inreach', 'scope:shared'] },
  {
    sourceTag: 'scope:platform',
    onlyDependOnLibsWithTags: [
      'scope:shared',
      'scope:referrals',
      'scope:booking',
      'scope:reminders',
      'scope:inreach',
    ],
  },
];

// Tests (and only tests) may also use the testing library's builders and helpers.
const testDepConstraints = depConstraints.map((c) =>
  c.sourceTag.startsWith('type:')
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);
const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allowCircularSelfDependency: false,
    banTransitiveDependencies: false,
    depConstraints: constraints,
  },
];
const testFiles = ['**/test/**/*.ts', '**/*.spec.ts'];

// A library's public entry point is its index: a deep import (`@careloop/messaging/src/outbox/outbox`)
// couples to files the owner may move, and walks past what the library chose to export.
const deepImports = [
  'error',
  {
    patterns: [
      {
        group: ['@careloop/*/**'],
        message:
          'Import a Careloop library through its entry point (@careloop/<name>), not a file inside it.',
      },
    ],
  },
];

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.nx/**',
      'infra/kafka/lib/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      'no-restricted-imports': deepImports,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @careloop/config, validated at boot.',
        },
        {
          selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']",
          message: 'No committed .only.',
        },
      ],
    },
  },
  { files: testFiles, rules: { '@nx/enforce-module-boundaries': boundaries(testDepConstraints) } },
  {
    // Configuration loading is the one place that reads the environment; scripts and benchmarks are entry points.
    files: [
      'libs/config/src/**/*.ts',
      'bench/**/*.ts',
      'infra/**/*.ts',
      '**/main.ts',
      'libs/testing/src/**/*.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  prettier,
];
