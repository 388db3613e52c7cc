// StrykerJS only: the imagery guard's tests (R2) as ONE test file (see verify.mutation.ts for why).
import '../unit/guard/allowList.test';
import '../unit/guard/ascii85Bare.test';
import '../unit/guard/byteFields.test';
import '../unit/guard/check.test';
import '../unit/guard/decoders.test';
import '../unit/guard/imagery.test';
import '../unit/guard/inspectText.test';
import '../unit/guard/messages.test';
import '../unit/guard/nearMiss.test';
import '../unit/guard/runBase64.test';
import '../unit/guard/runLimits.test';
import '../unit/guard/runRule.test';
import '../unit/guard/signatures.test';
import '../unit/guard/textBoundary.test';
import '../unit/guard/isoBmffBoxes.test';
import '../unit/guard/base32Runs.test';
