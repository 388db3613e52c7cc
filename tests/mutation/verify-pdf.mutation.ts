// StrykerJS only: the verifier's PDF reader and chain checks with their own fast tests (no bundle),
// for a quick lower bound on pdfText.ts and chainChecks.ts (the whole-bundle tests in
// verify.mutation.ts can only kill more). One entry file, as verify.mutation.ts explains.
import '../unit/verify/pdfTextSyntax.test';
import '../unit/verify/pdfText.test';
import '../unit/verify/chainChecks.test';
