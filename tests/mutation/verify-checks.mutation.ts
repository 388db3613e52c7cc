// StrykerJS only: the bundle checks with the tests that attack an unpacked bundle (no zip), for a
// lower bound on src/main/core/verify/checks and the certificate, digest and record-crypto helpers
// within the time a shared two-core machine allows (the zip tests in verify.mutation.ts run AES in
// JavaScript and can only kill more). One entry file, as verify.mutation.ts explains.
import '../unit/verify/bundleChecks.test';
import '../unit/verify/bundleForgeries.test';
