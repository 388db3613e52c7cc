// StrykerJS only: the verifier's fast tests as ONE test file. Stryker's per-test coverage in the
// one-thread set-up (vitest.stryker.pure.config.mts) mis-attributes coverage when several test
// files share the thread (mutants that a test kills were reported as surviving), so each folder's
// fast tests are run through one entry like this. Not matched by vitest.config.mts (*.test.ts).
// The tests that cost microseconds come first: Stryker stops a mutant's run at its first failing
// test, so a mutant in the PDF reader or the chain checks is usually killed before the slower
// whole-bundle tests run.
import '../unit/verify/pdfTextSyntax.test';
import '../unit/verify/pdfText.test';
import '../unit/verify/chainChecks.test';
import '../unit/verify/passphrase.test';
import '../unit/verify/bundleChecks.test';
import '../unit/verify/bundleZip.test';
import '../unit/verify/bundleForgeries.test';
import '../unit/verify/bundleZipEdges.test';
