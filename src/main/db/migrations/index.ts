// The ordered migration registry (architecture.md rule 6). Checked at start-up by migrate.ts.
import type { Migration } from './types';
import { migration0010 } from './0010-initial';

export const MIGRATIONS: readonly Migration[] = [migration0010];
