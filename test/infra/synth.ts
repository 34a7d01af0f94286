// Synthesizes the CDK app for template tests without bundling (stacks.test.ts bundles; cdk-nag still runs on every
// synth), each into a temporary folder that `cleanUp` removes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app.js';

export type Templates = { readonly stateful: Template; readonly stateless: Template };

export function synthesizer(): { synth(context: Record<string, string>): Templates; cleanUp(): void } {
  const outdirs: string[] = [];
  return {
    synth(context) {
      const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
      outdirs.push(outdir);
      const built = buildApp(new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } }));
      built.app.synth();
      return { stateful: Template.fromStack(built.stateful), stateless: Template.fromStack(built.stateless) };
    },
    cleanUp() {
      for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
