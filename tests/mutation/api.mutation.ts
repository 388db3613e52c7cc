// StrykerJS only: the IPC boundary's fast tests as ONE test file (see verify.mutation.ts for why).
import '../unit/api/dispatch.test';
import '../unit/api/handlers.test';
