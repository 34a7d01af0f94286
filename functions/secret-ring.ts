// The versions of an HMAC secret a token class signs with and accepts, apart from how they are read (functions/
// secrets.ts), so the twin, the web bundle and tests use fixed secrets without loading the Secrets Manager client.

/** The keys an HMAC signs with (`current`) and accepts (`all`: current, then previous). */
export interface SecretRing {
  current(): string;
  all(): readonly string[];
}

/** A secret that never changes (the twin, tests, a value set in the environment). */
export function fixedSecret(value: string): SecretRing {
  return { current: () => value, all: () => [value] };
}
