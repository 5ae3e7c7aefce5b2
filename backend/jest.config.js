/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  // test/authz (the authorisation matrix) and test/fuzz (hostile input) live at the repository root but run with the backend suites.
  roots: ['<rootDir>', '<rootDir>/../test/authz', '<rootDir>/../test/fuzz'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.e2e-spec.ts', '<rootDir>/test/**/*.spec.ts', '**/test/authz/**/*.e2e-spec.ts', '**/test/fuzz/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  testEnvironment: 'node',
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/global-setup.js',
};
