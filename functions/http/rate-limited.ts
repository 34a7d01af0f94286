// The answer to a client over the per-IP limit on submissions: the edge's WAF rule returns it in AWS, the local twin
// in its stand-in. One text, so both say the same.
export const RATE_LIMITED_BODY = JSON.stringify({
  error: {
    code: 'rate_limited',
    message:
      'Demasiadas solicitudes desde su conexión; intente de nuevo en unos minutos. / Too many requests from your connection; try again in a few minutes.',
  },
});
