// The R2 guard's cost on hostile 1 MB inputs, and whether it stays linear: the worst of the inputs
// the guard tests use, and the time for 1 MB divided by ten times the time for 100 KB (1.0 is
// linear; a backtracking regression shows as a large ratio).
import { it } from 'vitest';
import { detectImagery } from '../src/shared/guard/imagery';
import { median, recordFigure } from './lib/results';

const MB = 1_000_000;
const INPUTS: Array<(n: number) => string> = [
  (n) => 'A'.repeat(n),
  (n) => '/'.repeat(n),
  (n) => 'data:;base64,'.repeat(Math.floor(n / 13)),
  (n) => 'data:,' + '%'.repeat(n),
  (n) => '<svg '.repeat(Math.floor(n / 5)),
  (n) => '\\/\\n'.repeat(Math.floor(n / 4)),
  (n) => ' '.repeat(n),
  (n) => 'ff d8 ff e0 '.repeat(Math.floor(n / 12)),
  // \x escapes behind a broken one: each run used to be read back to the start (quadratic).
  (n) => '\\q' + '\\x41'.repeat(Math.floor(n / 4)),
  // Characters the folded view rewrites (a second reading of the whole text): no-break spaces,
  // full-width letters, zero-width spaces between groups of four.
  (n) => 'A\u00a0'.repeat(Math.floor(n / 2)),
  (n) => '\uff21'.repeat(n),
  (n) => 'Ab1+\u200b'.repeat(Math.floor(n / 5)),
];

function timeOf(text: string): number {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    detectImagery(text);
    runs.push(performance.now() - t);
  }
  return median(runs);
}

it('guard: hostile 1 MB inputs', () => {
  let worst = 0;
  let worstRatio = 0;
  for (const make of INPUTS) {
    const big = timeOf(make(MB));
    const small = timeOf(make(MB / 10));
    worst = Math.max(worst, big);
    worstRatio = Math.max(worstRatio, big / Math.max(small * 10, 0.001));
  }
  recordFigure('guard_1mb_worst_ms', worst, `worst of ${INPUTS.length} hostile inputs`);
  recordFigure(
    'guard_linearity_ratio',
    worstRatio,
    '1 MB time / (10 x 100 KB time); 1.0 is linear',
  );
});
