// The CDK app: `npx cdk synth|deploy` (cdk.json runs it with tsx). Two stacks per stage, checked by cdk-nag.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags } from 'aws-cdk-lib';
import { rawCatalog } from '../data/catalog.js';
import { parseCatalog } from '../data/schema.js';
import { readDeployConfig, receivingRegionProblem } from './config.js';
import { EdgeStack } from './edge-stack.js';
import { applyNagPacks } from './nag.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export function buildApp(app = new App()): {
  app: App;
  stateful: StatefulStack;
  stateless: StatelessStack;
  edge?: EdgeStack;
} {
  // The functions trust the catalog they are bundled with (data/index.ts): here is where a broken one stops a
  // deployment, with the path of each bad value.
  parseCatalog(rawCatalog);
  const config = readDeployConfig((key) => app.node.tryGetContext(key));
  // Pinned per stage (context account/region or ROUTER_ACCOUNT/ROUTER_REGION; prod requires both), so a prod
  // deploy cannot land in whatever account the shell happens to use.
  const env = {
    account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT,
    region: config.region ?? process.env.CDK_DEFAULT_REGION,
  };
  // A pinned region was checked with the settings; the shell's region is checked here (replies need SES receiving).
  const notReceiving = env.region ? receivingRegionProblem(env.region) : undefined;
  if (notReceiving) throw new Error(`deployment configuration is invalid: region: ${notReceiving}`);
  const prefix = `TicketRouter-${config.stage}`;
  // CloudFront's web ACL must live in us-east-1, whatever the stage's region.
  const edge = config.edge
    ? new EdgeStack(app, `${prefix}-Edge`, {
        env: { account: env.account, region: 'us-east-1' },
        config,
        crossRegionReferences: true,
        description: 'Certicámara ticket router: the AWS WAF web ACL of its CloudFront distribution (edge)',
      })
    : undefined;
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
    ...(edge ? { webAclArn: edge.webAcl.attrArn, crossRegionReferences: true } : {}),
    description: 'Certicámara ticket router: API, functions, triggers, alarms (stateless)',
  });
  Tags.of(app).add('project', 'certicamara-ticket-router');
  Tags.of(app).add('stage', config.stage);
  applyNagPacks(app, stateful, stateless);
  return { app, stateful, stateless, ...(edge ? { edge } : {}) };
}

const invokedDirectly = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) buildApp().app.synth();
