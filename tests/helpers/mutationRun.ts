// Under StrykerJS, the guard's format × encoding matrices run a cover of it rather than all of it.
//
// StrykerJS runs every test that reaches a mutant, once per mutant, in code instrumented to be
// 10–20× slower. Every R2 check runs every decoder and every signature, so each of the guard's
// ~3,800 mutants would rerun the whole ~3,000-case matrix: about 16 hours on two cores. The cover
// below keeps every format and every encoding (each format with several encodings, each encoding
// with several formats), so a mutant in one decoder or one signature is still met by a test that
// fails; only mutants that break one exact pairing could escape it, which makes the score a lower
// bound. `npm test` always runs the whole matrix.

/** True inside a StrykerJS test run (it sets this in every worker it starts). */
export const UNDER_MUTATION = process.env.STRYKER_MUTATOR_WORKER !== undefined;

/** Pairs of one sample and one encoding: all of them normally; under mutation testing those whose
 *  positions sum to a multiple of `stride` (each row and column of the matrix keeps about
 *  1/stride of its cells, and never none while both sides are at least `stride` long). */
export function matrixCover<S, E>(
  samples: readonly S[],
  encodings: readonly E[],
  stride = 8,
): { sample: S; encoding: E }[] {
  const pairs: { sample: S; encoding: E }[] = [];
  samples.forEach((sample, i) =>
    encodings.forEach((encoding, j) => {
      if (!UNDER_MUTATION || (i + j) % stride === 0) pairs.push({ sample, encoding });
    }),
  );
  return pairs;
}
