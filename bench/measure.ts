// A small timing harness: runs a body for fixed-length rounds after a warm-up and reports the median rate.

export interface Rate {
  /** Median operations per second over the rounds. */
  readonly opsPerSec: number;
  readonly rounds: readonly number[];
}

export interface MeasureOptions {
  readonly rounds?: number;
  readonly roundMs?: number;
  readonly warmupMs?: number;
}

/**
 * `body(n)` performs `n` operations and returns a value that depends on them (so the work cannot be optimised
 * away). Synchronous and asynchronous bodies are both measured the same way.
 */
export async function measure(
  body: (n: number) => number | Promise<number>,
  { rounds = 5, roundMs = 1000, warmupMs = 500 }: MeasureOptions = {},
): Promise<Rate> {
  let sink = 0;
  let batch = 64;
  const deadline = performance.now() + warmupMs;
  // Warm up, growing the batch until one batch takes ~10 ms so the clock is read rarely.
  while (performance.now() < deadline) {
    const t0 = performance.now();
    sink += await body(batch);
    if (performance.now() - t0 < 10) batch *= 2;
  }
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < roundMs) {
      sink += await body(batch);
      ops += batch;
      elapsed = performance.now() - t0;
    }
    rates.push((ops / elapsed) * 1000);
  }
  if (Number.isNaN(sink)) throw new Error('benchmark body returned NaN');
  const sorted = [...rates].sort((a, b) => a - b);
  return { opsPerSec: sorted[Math.floor(sorted.length / 2)] as number, rounds: rates };
}
