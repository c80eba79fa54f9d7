// End-to-end tier: drives the HTTP APIs of running services across real Kafka.
module.exports = {
  preset: './jest.preset.js',
  displayName: 'e2e',
  rootDir: '.',
  testMatch: ['<rootDir>/{apps,test}/**/test/e2e/**/*.e2e.spec.ts', '<rootDir>/test/e2e/**/*.e2e.spec.ts'],
  testTimeout: 120000,
};
