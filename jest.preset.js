// Shared Jest settings for every project. SWC compiles our TypeScript (with decorator metadata) and the
// ESM-only packages NestJS 12, jose and PGlite ship, because Jest on Node 20 cannot require(esm) itself.
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const esmPackages = [
  '@nestjs',
  'jose',
  '@electric-sql',
  'file-type',
  'zod',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, parser: { ...swcrc.jsc.parser } } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  setupFiles: ['reflect-metadata'],
};
