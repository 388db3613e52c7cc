// The shape of a projection kept in step with the signed records (the list is in projections.ts).
import type { Conn } from '../../db/sqlite';
import type { CaseFacts } from '../../../shared/records/facts';

export type ProjectionHook = (conn: Conn, facts: CaseFacts, at: string) => Promise<void>;
