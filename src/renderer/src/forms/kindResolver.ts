// A react-hook-form resolver for a record kind: prune hidden and empty fields exactly as main
// does, then validate with the kind's own zod schema, so the form and main agree on every error.
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { RecordKindDef } from '../../../shared/records/kindDef';
import { pruneBody, type RoleLookup } from '../../../shared/records/formSchema';

function setPath(
  target: Record<string, unknown>,
  path: ReadonlyArray<PropertyKey>,
  value: unknown,
): void {
  let cur: Record<string, unknown> = target;
  path.forEach((p, i) => {
    const key = String(p);
    if (i === path.length - 1) {
      if (!cur[key]) cur[key] = value;
      return;
    }
    cur[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[key] as Record<string, unknown>;
  });
}

export function kindResolver(def: RecordKindDef, roleOf?: RoleLookup): Resolver<FieldValues> {
  return async (values) => {
    // With roleOf, fields hidden by the chosen account's role (showIfAccountRole) are left out too.
    const pruned = pruneBody(def.fields, values, values, roleOf);
    const res = def.schema.safeParse(pruned);
    if (res.success) return { values: res.data, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of res.error.issues) {
      const path = issue.path.length ? issue.path : ['root'];
      setPath(errors, path, { type: issue.code, message: issue.message });
    }
    return { values: {}, errors: errors as FieldErrors<FieldValues> };
  };
}

/** Flatten RHF errors into messages for the error summary. */
export function errorMessages(errors: unknown, out: string[] = []): string[] {
  if (!errors || typeof errors !== 'object') return out;
  const e = errors as Record<string, unknown>;
  if (typeof e.message === 'string' && e.message) {
    out.push(e.message);
    return out;
  }
  for (const [k, v] of Object.entries(e)) if (k !== 'ref') errorMessages(v, out);
  return out;
}
