// The shape of one migration: a version (steps of 10), a name matching its file, and `up`.
import type { Conn } from '../sqlite';

export interface Migration {
  version: number;
  name: string;
  up(db: Conn): Promise<void>;
}
