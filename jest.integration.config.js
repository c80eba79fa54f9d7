// Integration tier: real Postgres, Kafka and Redis; each test file isolates itself (own database / topics / queues).
module.exports = {
  preset: './jest.preset.js',
  displayName: 'integration',
  rootDir: '.',
  testMatch: ['<rootDir>/{libs,apps}/*/test/integration/**/*.int.spec.ts'],
  testTimeout: 60000,
};
