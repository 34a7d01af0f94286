// Global setup of the integration tests: one DynamoDB Local (in memory) and one SES emulator for the whole run.
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, startSes } from '../../scripts/twin/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    emulators: { dynamoEndpoint: string; sesEndpoint: string };
  }
}

export default async function setup(project: TestProject) {
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal({}), startSes({ port: 0 })]);
  project.provide('emulators', { dynamoEndpoint: dynamo.endpoint, sesEndpoint: ses.endpoint });
  return async () => {
    await Promise.all([dynamo.stop(), ses.stop()]);
  };
}
