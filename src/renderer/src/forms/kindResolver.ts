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

/** The DOM id of a field's control (FieldInput gives every field this id). */
export function fieldIdFor(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9]/g, '-')}`;
}

/** Flatten RHF errors into the error summary's items, each linked to its field. */
export function errorItems(
  errors: unknown,
  path: string[] = [],
  out: Array<{ message: string; fieldId?: string }> = [],
): Array<{ message: string; fieldId?: string }> {
  if (!errors || typeof errors !== 'object') return out;
  const e = errors as Record<string, unknown>;
  if (typeof e.message === 'string' && e.message) {
    const p = path.filter((x) => x !== 'root').join('.');
    out.push(p ? { message: e.message, fieldId: fieldIdFor(p) } : { message: e.message });
    return out;
  }
  for (const [k, v] of Object.entries(e)) if (k !== 'ref') errorItems(v, [...path, k], out);
  return out;
}

/** Flatten RHF errors into messages for the error summary. */
export function errorMessages(errors: unknown): string[] {
  return errorItems(errors).map((i) => i.message);
}
