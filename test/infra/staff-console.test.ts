// The staff console on the synthesized templates: its three routes go to its one function, whose role reads and
// writes the table and queries the queue and month indexes only (no scan, no mail, no S3, no paging), which holds the
// keys it signs or checks with and no other, and the table's month index the report reads. Bundling is skipped (the
// functions' code is checked in stacks.test.ts); cdk-nag still runs on every synth (its route reasons: infra/nag.ts).
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT } from './contexts.js';
import { synthesizer } from './synth.js';

const { synth, cleanUp } = synthesizer();
let dev: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth({ ...CONTEXT, stage: 'dev' });
}, 300_000);
afterAll(cleanUp);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The statements of the policies whose logical id starts with `prefix` (a function's role). */
function roleStatements(template: Template, prefix: string): Statement[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(prefix))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}

/** The logical id of the function an HTTP API route invokes, through its integration. */
function functionOfRoute(template: Template, routeKey: string): string | undefined {
  const route = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).find(
    (r) => r.Properties.RouteKey === routeKey,
  );
  const target = JSON.stringify(route?.Properties.Target);
  const integrationId = /"Ref":"(\w+)"/.exec(target)?.[1];
  const integration = integrationId ? template.toJSON().Resources[integrationId] : undefined;
  return /"Fn::GetAtt":\["(\w+)","Arn"\]/.exec(JSON.stringify(integration?.Properties.IntegrationUri))?.[1];
}

describe('the staff console', () => {
  it('serves GET /staff and GET/POST /staff/{proxy+} from the staff-console function, which serves nothing else', () => {
    const routes = Object.values(dev.stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) =>
      String(r.Properties.RouteKey),
    );
    const consoleRoutes = routes.filter((key) =>
      functionOfRoute(dev.stateless, key)?.startsWith('StaffConsoleFunction'),
    );
    expect(consoleRoutes.sort()).toEqual(['GET /staff', 'GET /staff/{proxy+}', 'POST /staff/{proxy+}']);
    // No authorizer: the console signs its people in itself (docs/console.md), as nag.ts acknowledges per route.
    for (const r of Object.values(dev.stateless.findResources('AWS::ApiGatewayV2::Route'))) {
      if (consoleRoutes.includes(String(r.Properties.RouteKey))) {
        expect(r.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      }
    }
  });

  it('may read and write the table and query byDueTime and byMonth only: no scan, no mail, no S3, no paging', () => {
    const statements = roleStatements(dev.stateless, 'StaffConsole');
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
    const onTable = dynamo.filter((s) => !JSON.stringify(s.Resource).includes('index/'));
    expect(onTable.flatMap(actionsOf).sort()).toEqual([
      'dynamodb:ConditionCheckItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const onIndexes = dynamo.filter((s) => JSON.stringify(s.Resource).includes('index/'));
    expect(onIndexes.flatMap(actionsOf)).toEqual(['dynamodb:Query', 'dynamodb:Query']);
    expect(onIndexes.map((s) => /index\/(\w+)/.exec(JSON.stringify(s.Resource))?.[1]).sort()).toEqual([
      'byDueTime',
      'byMonth',
    ]);
    const actions = statements.flatMap(actionsOf);
    expect(actions).not.toContain('dynamodb:Scan');
    expect(actions.filter((a) => /^(ses|s3|sns):/.test(a))).toEqual([]);
    // Only the staff console queries the month index.
    const monthQueries = roleStatements(dev.stateless, '').filter((s) =>
      JSON.stringify(s.Resource).includes('index/byMonth"'),
    );
    expect(monthQueries).toHaveLength(1);
  });

  it('reads the keys it signs or checks with (sign-in links, address hashes, download links), not the form key', () => {
    const text = JSON.stringify(roleStatements(dev.stateless, 'StaffConsole'));
    for (const secret of ['ActionLinkSecret', 'RequesterHashSecret', 'StatusLinkSecret']) {
      expect(text).toContain(secret);
    }
    expect(text).not.toContain('FormTokenSecret');
    const [fn] = Object.entries(dev.stateless.findResources('AWS::Lambda::Function')).filter(([id]) =>
      id.startsWith('StaffConsoleFunction'),
    );
    // The directory that may sign in, and the origin whose scheme makes the session cookie Secure.
    const variables = Object.keys(fn?.[1].Properties.Environment.Variables ?? {});
    expect(variables).toEqual(expect.arrayContaining(['STAFF_PEOPLE', 'PUBLIC_BASE_URL']));
    expect(variables).not.toContain('FORM_TOKEN_SECRET_ARN');
  });

  it('reports from the sparse byMonth index: a Bogotá month, the receipt time, and the summary projected', () => {
    const [table] = Object.values(dev.stateful.findResources('AWS::DynamoDB::GlobalTable'));
    const byMonth = (table?.Properties.GlobalSecondaryIndexes as { IndexName: string }[] | undefined)?.find(
      (index) => index.IndexName === 'byMonth',
    );
    expect(byMonth).toEqual({
      IndexName: 'byMonth',
      KeySchema: [
        { AttributeName: 'gsi4pk', KeyType: 'HASH' },
        { AttributeName: 'gsi4sk', KeyType: 'RANGE' },
      ],
      Projection: {
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: ['summary', 'status', 'escalationLevel', 'dueAt'],
      },
    });
    expect(table?.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'gsi4pk', AttributeType: 'S' },
        { AttributeName: 'gsi4sk', AttributeType: 'N' },
      ]),
    );
  });

  it('with legacyQueueIndex, keeps byDueTime as a stage deployed before the console has it, and changes nothing else', () => {
    const legacy = synth({ ...CONTEXT, stage: 'dev', legacyQueueIndex: 'true' });
    type Index = { IndexName: string; Projection: unknown };
    const indexes = (t: ReturnType<typeof synth>) =>
      Object.values(t.stateful.findResources('AWS::DynamoDB::GlobalTable'))[0]?.Properties
        .GlobalSecondaryIndexes as Index[];
    const [before, now] = [indexes(legacy), indexes(dev)];
    expect(before.find((i) => i.IndexName === 'byDueTime')?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['rh'],
    });
    // Against the table as this version defines it, one index changes its projection, and nothing else of the table
    // differs: a stage deployed before the console then takes this version with one index creation (byMonth).
    const masked = (t: ReturnType<typeof synth>) => {
      const [table] = Object.values(t.stateful.findResources('AWS::DynamoDB::GlobalTable'));
      if (!table) throw new Error('no table');
      const indexes = (table.Properties.GlobalSecondaryIndexes as Index[]).map((i) =>
        i.IndexName === 'byDueTime' ? { ...i, Projection: null } : i,
      );
      return { ...table, Properties: { ...table.Properties, GlobalSecondaryIndexes: indexes } };
    };
    expect(masked(legacy)).toEqual(masked(dev));
    expect(before.map((i) => i.IndexName)).toEqual(now.map((i) => i.IndexName));
    expect(legacy.stateless.toJSON()).toEqual(dev.stateless.toJSON());
    expect(() => synth({ ...CONTEXT, stage: 'dev', legacyQueueIndex: 'yes' })).toThrow(
      'legacyQueueIndex: must be true or false',
    );
  });
});
