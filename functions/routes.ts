// The HTTP API's routes and CORS policy: one list for the CDK stack and the local twin.

export const ROUTES = [
  { method: 'POST', path: '/requests', handler: 'create-request' },
  { method: 'POST', path: '/requests/lookup', handler: 'lookup-requests' },
  { method: 'GET', path: '/requests/{id}', handler: 'get-request' },
  { method: 'POST', path: '/requests/{id}/escalate', handler: 'escalate-request' },
  // The requester completes a request staff asked them to complete (or asks for more time): same function.
  { method: 'POST', path: '/requests/{id}/complete', handler: 'escalate-request' },
  // The requester declares files and gets presigned S3 POSTs; the signed download links of mails and pages.
  { method: 'POST', path: '/requests/{id}/attachments', handler: 'attachments' },
  { method: 'GET', path: '/attachments/{token}', handler: 'attachments' },
  { method: 'GET', path: '/routing', handler: 'preview-routing' },
  // The web form and the status page, served by the API itself (same origin: no CORS needed for them).
  { method: 'GET', path: '/', handler: 'web' },
  { method: 'GET', path: '/status', handler: 'web' },
  { method: 'GET', path: '/assets/{file}', handler: 'web' },
  // A serving token for other web forms on allowed origins (CORS), proof that a person is behind the submission.
  { method: 'GET', path: '/form-token', handler: 'web' },
  // The acknowledge/resolve links of staff mail: a confirmation page, and the action on its POST.
  { method: 'GET', path: '/actions', handler: 'staff-actions' },
  { method: 'POST', path: '/actions', handler: 'staff-actions' },
  // The staff console: sign-in by mailed link, queues, tickets and their actions, search, the PQRSA report.
  { method: 'GET', path: '/staff', handler: 'staff-console' },
  { method: 'GET', path: '/staff/{proxy+}', handler: 'staff-console' },
  { method: 'POST', path: '/staff/{proxy+}', handler: 'staff-console' },
] as const;

export type RouteHandlerName = (typeof ROUTES)[number]['handler'];

/**
 * POSTs under this path are a signed-in person's actions on tickets: the edge (and the twin) counts them per client IP
 * apart from the public POSTs, with a higher limit, so a support office behind one NAT does not use up the public
 * form's allowance (or the other way round). Sign-in and sign-out stay with the public POSTs.
 */
export const STAFF_ACTIONS_PATH = '/staff/tickets/';

/** Which per-IP POST allowance a request path counts against. */
export const postAllowanceOf = (path: string): 'public' | 'staff' =>
  path.startsWith(STAFF_ACTIONS_PATH) ? 'staff' : 'public';

/** CORS for configured origins only (ALLOWED_ORIGINS); API Gateway applies it in AWS, the twin emulates it. */
export const CORS = {
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['content-type', 'idempotency-key', 'authorization', 'x-api-key'],
  exposeHeaders: ['retry-after', 'idempotent-replayed', 'location'],
  maxAgeSeconds: 600,
} as const;
