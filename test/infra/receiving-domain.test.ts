// The receiving domain as a deployment sets it: the sender's domain under `respuestas.` unless configured, checked at
// synth, and given to every function that sends mail (no synth: the table and the config reader alone).
import { describe, expect, it } from 'vitest';
import { readDeployConfig } from '../../infra/config.js';
import { type DeployedValues, environmentOf, FUNCTIONS } from '../../infra/functions.js';

const config = (settings: Record<string, string>) =>
  readDeployConfig(
    (key) => ({ senderAddress: 'notificaciones@Certicamara.com', allowedOrigins: '', ...settings })[key],
    {},
  );

describe('receivingDomain', () => {
  it('defaults to respuestas.<the sender’s domain>, and takes a configured one', () => {
    expect(config({}).receivingDomain).toBe('respuestas.certicamara.com');
    expect(config({ receivingDomain: 'soporte-respuestas.certicamara.com' }).receivingDomain).toBe(
      'soporte-respuestas.certicamara.com',
    );
  });

  it('fails synth naming it when it is not a domain name', () => {
    expect(() => config({ receivingDomain: 'respuestas@certicamara.com' })).toThrow(
      /receivingDomain: must be a lower-case domain name/,
    );
  });

  it('reaches every function that sends mail, as RECEIVING_DOMAIN', () => {
    const deployed = {
      config: config({ receivingDomain: 'r.certicamara.com' }),
      tableName: 'tickets',
      publicBaseUrl: 'https://api.example.com',
      mailConfigurationSet: 'mail-events',
      pagerTopicArn: 'arn:aws:sns:us-east-1:111111111111:p1-alerts',
    } as DeployedValues;
    expect(Object.values(FUNCTIONS).filter((spec) => spec.sendsMail).length).toBeGreaterThan(0);
    for (const [name, spec] of Object.entries(FUNCTIONS)) {
      const environment = environmentOf(spec, deployed, (secret) => `arn:${secret}`);
      if (spec.sendsMail) expect(environment.RECEIVING_DOMAIN, name).toBe('r.certicamara.com');
    }
  });
});
