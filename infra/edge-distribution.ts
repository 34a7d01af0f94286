// With the edge: CloudFront in front of the API, carrying the edge stack's web ACL (infra/edge-stack.ts).
import type { Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { DeployConfig } from './config.js';

/**
 * Nothing cached (every answer is per request), every method and viewer header but Host passed on, TLS 1.2 and up,
 * and the API's own domain as the origin.
 */
export function edgeDistribution(
  stack: Stack,
  edge: NonNullable<DeployConfig['edge']>,
  webAclArn: string,
): Distribution {
  return new Distribution(stack, 'Edge', {
    comment: 'Certicámara ticket router: the public entry (AWS WAF in front of the API)',
    domainNames: [edge.domainName],
    certificate: Certificate.fromCertificateArn(stack, 'EdgeCertificate', edge.certificateArn),
    minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
    httpVersion: HttpVersion.HTTP2_AND_3,
    priceClass: PriceClass.PRICE_CLASS_ALL,
    webAclId: webAclArn,
    defaultBehavior: {
      origin: new HttpOrigin(edge.originDomainName, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    },
  });
}
