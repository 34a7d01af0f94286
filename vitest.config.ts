import { defineConfig } from 'vitest/config';

const env = {
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
// The global setup (emulators) runs in this process, not in the workers that get `env`.
Object.assign(process.env, env);

export default defineConfig({
  test: {
    environment: 'node',
    env,
    // Console output (e.g. the structured logs some tests turn on) is shown for failing tests only.
    silent: 'passed-only',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/integration/**', 'test/e2e/**', 'test/infra/**'],
        },
      },
      {
        // The web form in Debian's Chromium (playwright-core), against twins on the shared emulators.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/setup/emulators.ts'],
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
      {
        // Synthesizes the CDK app with real local bundling and cdk-nag.
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Against DynamoDB Local and the SES emulator, started once per run by the global setup.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/emulators.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
