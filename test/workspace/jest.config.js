module.exports = {
  displayName: 'workspace',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/*.spec.ts'],
  testTimeout: 60000,
};
