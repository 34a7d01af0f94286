// Attachments on the synthesized templates: the two routes on their own function, each role's exact actions on the
// bucket's attachments/ prefix (sign and serve; store; erase with a listing of that prefix only), the bucket's CORS for
// browser POSTs and its attachments/ lifecycle, and MALWARE_SCANNING following the deploy flag. Bundling is skipped
// (stacks.test.ts bundles); cdk-nag still runs on every synth.
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT, PROD } from './contexts.js';
import { synthesizer } from './synth.js';

const { synth, cleanUp } = synthesizer();

let dev: ReturnType<typeof synth>;
let prod: ReturnType<typeof synth>;
beforeAll(() => {
  dev = synth({ ...CONTEXT, stage: 'dev', receivingDomain: 'respuestas.certicamara.com' });
  prod = synth({ ...PROD, receivingDomain: 'respuestas.certicamara.com' });
}, 240_000);
afterAll(cleanUp);

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };
/** A function's S3 statements, as `[actions, resource suffix, condition]`. */
function s3Of(template: Template, prefix: string) {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([id]) => id.startsWith(prefix))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')))
    .map((s) => [
      [s.Action].flat(),
      JSON.stringify(s.Resource).match(/"(\/[^"]*)"\]\]\}$/)?.[1] ?? 'bucket',
      s.Condition,
    ]);
}
const functionOf = (template: Template, routeKey: string) => {
  const [route] = Object.values(
    template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }),
  );
  const target = JSON.stringify(route?.Properties.Target);
  const integration = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).find(([id]) =>
    target.includes(id),
  );
  return JSON.stringify(integration?.[1].Properties.IntegrationUri).match(/"(\w+?)Function[0-9A-F]{8}"/)?.[1];
};

describe('the attachments routes', () => {
  it('reach the attachments function', () => {
    expect(functionOf(dev.stateless, 'POST /requests/{id}/attachments')).toBe('Attachments');
    expect(functionOf(dev.stateless, 'GET /attachments/{token}')).toBe('Attachments');
  });
});

describe('who may do what with the files', () => {
  it('the attachments function signs uploads and serves files under attachments/ only', () => {
    expect(s3Of(dev.stateless, 'Attachments')).toEqual([
      [['s3:PutObject', 's3:GetObject', 's3:GetObjectTagging'], '/attachments/*', undefined],
    ]);
  });

  it('the receiving function stores a mail’s files there, and reads raw mail (deleting it once processed)', () => {
    expect(s3Of(dev.stateless, 'ReceiveMail')).toEqual([
      [['s3:GetObject', 's3:DeleteObject'], '/inbound/*', undefined],
      [['s3:PutObject'], '/attachments/*', undefined],
    ]);
  });

  it.each(['Sweep', 'StaffActions'])(
    '%s deletes files under attachments/ and lists that prefix only',
    (name) => {
      expect(s3Of(dev.stateless, name)).toEqual([
        [['s3:DeleteObject'], '/attachments/*', undefined],
        [['s3:ListBucket'], 'bucket', { StringLike: { 's3:prefix': 'attachments/*' } }],
      ]);
    },
  );

  it('serves only files scanned clean where GuardDuty scans (prod), and any stored file elsewhere', () => {
    const scanning = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((f) => f.Properties.Environment?.Variables?.MALWARE_SCANNING)
        .filter(Boolean);
    expect(scanning(prod.stateless)).toEqual(['true']);
    expect(scanning(dev.stateless)).toEqual(['false']);
  });
});

describe('the bucket', () => {
  it('takes browser POSTs from the configured origins and the API’s own', () => {
    prod.stateful.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ['POST'],
            AllowedOrigins: ['https://soporte.certicamara.com', 'https://soporte-api.certicamara.com'],
            AllowedHeaders: ['*'],
            MaxAge: 600,
          },
        ],
      },
    });
    const [bucket] = Object.values(dev.stateful.findResources('AWS::S3::Bucket'));
    expect(JSON.stringify(bucket?.Properties.CorsConfiguration)).toContain('https://*.execute-api.');
  });

  it('expires files under attachments/ after the retention years × 365 days, as a backstop to the erasure', () => {
    prod.stateful.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({ Prefix: 'inbound/' }),
          { Id: 'ExpireAttachments', Prefix: 'attachments/', ExpirationInDays: 3650, Status: 'Enabled' },
        ],
      },
    });
  });
});
