// The credential provider the Lambda bundles give the AWS SDK clients in place of the default chain
// (`@aws-sdk/credential-provider-node`; see BUNDLING.alias). In Lambda the function role's credentials are always in
// the environment, so the chain's other links (SSO, INI files, IMDS, web identity, processes) are never used, yet
// they are a fifth of each bundle and a tenth of its import time. Outside Lambda nothing uses this file: the twin
// and tests run the sources, with the default chain.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}) => fromEnv(init);
