// The baseline of the cold-start benchmark: a handler that does nothing, bundled exactly like the real ones.
export const handler = async () => ({ statusCode: 204 });
