// The CDK app: `npx cdk synth|deploy` (cdk.json runs it with tsx). Two stacks per stage, checked by cdk-nag.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags } from 'aws-cdk-lib';
import { rawCatalog } from '../data/catalog.js';
import { parseCatalog } from '../data/schema.js';
import { readDeployConfig } from './config.js';
import { applyNagPacks } from './nag.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export function buildApp(app = new App()): { app: App; stateful: StatefulStack; stateless: StatelessStack } {
  // The functions trust the catalog they are bundled with (data/index.ts): here is where a broken one stops a
  // deployment, with the path of each bad value.
  parseCatalog(rawCatalog);
  const config = readDeployConfig((key) => app.node.tryGetContext(key));
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `TicketRouter-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
    description: 'Certicámara ticket router: table, queues, secret, topics (stateful)',
    terminationProtection: config.stage === 'prod',
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    stateful,
    description: 'Certicámara ticket router: API, functions, triggers, alarms (stateless)',
  });
  Tags.of(app).add('project', 'certicamara-ticket-router');
  Tags.of(app).add('stage', config.stage);
  applyNagPacks(app, stateful, stateless);
  return { app, stateful, stateless };
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) buildApp().app.synth();
