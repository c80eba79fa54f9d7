// Unit tier: tests next to the code (src/**/*.spec.ts), ports faked, no live dependencies.
module.exports = {
  projects: [
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/test/workspace/jest.config.js',
  ],
};
