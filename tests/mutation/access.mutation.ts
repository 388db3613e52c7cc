// StrykerJS only: the access policy's fast tests as ONE test file (see verify.mutation.ts for why).
import '../unit/access/policy.test';
