// The HTTP API: CORS, its stage (throttling, JSON access logs), its optional custom domain, and its routes, one
// Lambda integration per function, from the route list the local twin uses too.
import { Duration, RemovalPolicy, type Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CORS, ROUTES, type RouteHandlerName } from '../functions/routes.js';
import type { DeployConfig } from './config.js';
import type { RouterFunctions } from './function-builder.js';
import { constructIdOf } from './functions.js';

/**
 * The API's access log line: HTTP API `$context` variables only (API Gateway refuses a format with REST API
 * variables such as `$context.resourcePath`, so the stage would fail to deploy).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  sourceIp: '$context.identity.sourceIp',
} as const;

export interface RouterApi {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The API's own custom domain, if any: the public one without the edge, CloudFront's origin with it. */
  readonly domain: DomainName | undefined;
  /** That domain's host name. */
  readonly apiDomainName: string | undefined;
  /** What requesters' links start with: the public custom domain, else the API's endpoint. */
  readonly publicBaseUrl: string;
}

export function createHttpApi(stack: Stack, config: DeployConfig): RouterApi {
  const { edge } = config;
  const api = new HttpApi(stack, 'Api', {
    description: `Certicámara ticket router (${config.stage})`,
    createDefaultStage: false,
    // With the edge, only the custom domain CloudFront calls serves the API: the WAF cannot be bypassed through
    // the default execute-api endpoint.
    disableExecuteApiEndpoint: edge !== undefined,
    corsPreflight: {
      allowOrigins: config.allowedOrigins,
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
      allowHeaders: [...CORS.allowHeaders],
      exposeHeaders: [...CORS.exposeHeaders],
      maxAge: Duration.seconds(CORS.maxAgeSeconds),
    },
  });
  // The source IP is personal data: access logs are kept a month (a week in dev), for abuse and incident
  // investigation only, and never joined with ticket data (they carry no radicado and no body).
  const accessLogs = new LogGroup(stack, 'ApiAccessLogs', {
    retention: config.stage === 'prod' ? RetentionDays.ONE_MONTH : RetentionDays.ONE_WEEK,
    removalPolicy: config.stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const apiDomainName = edge ? edge.originDomainName : config.customDomainName;
  const domain =
    apiDomainName && config.certificateArn
      ? new DomainName(stack, 'Domain', {
          domainName: apiDomainName,
          certificate: Certificate.fromCertificateArn(stack, 'Certificate', config.certificateArn),
        })
      : undefined;
  const stage = new HttpStage(stack, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: config.throttleRate, burstLimit: config.throttleBurst },
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
    },
    ...(domain ? { domainMapping: { domainName: domain } } : {}),
  });
  const publicBaseUrl = config.customDomainName ? `https://${config.customDomainName}` : api.apiEndpoint;
  return { api, stage, domain, apiDomainName, publicBaseUrl };
}

/** Every route of functions/routes.ts, one integration per function. */
export function addRoutes(api: HttpApi, functions: RouterFunctions): void {
  const integrations = new Map<RouteHandlerName, HttpLambdaIntegration>();
  for (const route of ROUTES) {
    let integration = integrations.get(route.handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(
        `${constructIdOf(route.handler)}Integration`,
        functions[route.handler].fn,
      );
      integrations.set(route.handler, integration);
    }
    api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
  }
}
