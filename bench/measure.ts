// Small helpers for the benchmark: timing, percentiles, and the PASS/FAIL line each figure prints.
export const seconds = async <T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
};

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Milliseconds per run of `work`, after `warmup` runs that are not counted. */
export async function sampleMs(work: () => Promise<unknown>, runs: number, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean | null;
  note?: string;
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

export function printFigure(figure: Figure): void {
  const verdict = figure.pass == null ? "INFO" : figure.pass ? "PASS" : "FAIL";
  console.log(
    `${verdict.padEnd(5)} ${figure.name.padEnd(58)} ${String(figure.value).padStart(10)} ${figure.unit.padEnd(6)} target ${figure.target}${figure.note ? `  (${figure.note})` : ""}`,
  );
}
