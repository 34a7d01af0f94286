// The submission every benchmark sends: an ordinary P2 incident for Certifactura, as the web form posts it.
export const SUBMISSION = {
  product: 'certifactura',
  type: 'incidente',
  priority: 2,
  subject: 'No puedo emitir facturas',
  description: 'Desde esta mañana el sistema rechaza todas las facturas con un error 500.',
  requester: { name: 'Ana Pérez', email: 'ana.perez@example.com', phone: '+57 300 123 4567' },
  consent: { accepted: true, policyVersion: '2024-01' },
} as const;
