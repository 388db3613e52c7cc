// StrykerJS only: the log's fast tests as ONE test file (see verify.mutation.ts for why).
import '../unit/log/integrity.test';
import '../unit/log/logSeal.test';
import '../unit/log/verifyPool.test';
import '../unit/log/sealService.test';
import '../unit/log/logSealPdf.test';
