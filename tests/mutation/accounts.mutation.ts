// StrykerJS only: the trust model's (src/main/core/accounts) fast tests as ONE test file, for the
// reason given in verify.mutation.ts (per-test coverage goes wrong when several test files share
// the one thread). Not matched by vitest.config.mts (*.test.ts).
import '../unit/accounts/certificates.test';
import '../unit/accounts/signerChecks.test';
import '../unit/accounts/keySlot.test';
import '../unit/accounts/accountService.test';
import '../unit/accounts/schoolKey.test';
import '../unit/accounts/ownPassphrase.test';
import '../unit/accounts/recovery.test';
import '../unit/accounts/trustSetup.test';
