// The ordered migration registry (docs/design.md). Checked at start-up by migrate.ts.
import type { Migration } from './types';
import { migration0010 } from './0010-initial';
import { migration0020 } from './0020-waiting';
import { migration0030 } from './0030-fts-trigger';
import { migration0040 } from './0040-trust-keys';
import { migration0050 } from './0050-pupils';
import { migration0060 } from './0060-backups';
import { migration0070 } from './0070-triage';
import { migration0080 } from './0080-signed-audit';
import { migration0090 } from './0090-incident-categories';
import { migration0100 } from './0100-signer-spans';

export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
  migration0100,
];
