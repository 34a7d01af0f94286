// The deployment settings the infra tests synthesize with: a dev stage, and what prod requires (pinned account and
// region, the real policy, the edge's domains and certificates).

export const CONTEXT = {
  senderAddress: 'notificaciones@certicamara.com',
  allowedOrigins: 'https://soporte.certicamara.com',
  alarmEmail: 'ops@certicamara.com',
};

export const PROD = {
  ...CONTEXT,
  stage: 'prod',
  account: '111111111111',
  region: 'us-east-2',
  privacyPolicyUrl: 'https://www.certicamara.com/politica-de-tratamiento-de-datos',
  privacyPolicyVersion: '2026-11',
  // A made-up NIT of the right shape: the real one is configured at deployment (it is not in the seeds).
  privacyControllerNit: '900000000-0',
  customDomainName: 'soporte-api.certicamara.com',
  certificateArn: 'arn:aws:acm:us-east-2:111111111111:certificate/origin',
  edgeOriginDomainName: 'origin.soporte-api.certicamara.com',
  edgeCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/edge',
};
