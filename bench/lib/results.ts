// Benchmark results: each figure is printed and merged into bench-results.json ({ "name": number }).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = join(__dirname, '..', '..', 'bench-results.json');

export function recordFigure(name: string, value: number, note = ''): void {
  const rounded = Math.round(value * 1000) / 1000;
  const current = existsSync(FILE)
    ? (JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, number>)
    : {};
  current[name] = rounded;
  writeFileSync(FILE, JSON.stringify(current, null, 2) + '\n');
  console.log(`[bench] ${name} = ${rounded}${note ? `  (${note})` : ''}`);
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}
