// Builds a record kind's zod body schema from its field list, so the form, the validation in main
// and the display can never disagree about what a record holds.
import { z } from 'zod';
import type { AccountRoleCondition, FieldSpec, ShowIf } from './fields';
import type { Role } from '../roles';
import { UK_LOCAL_PATTERN } from '../ukTime';

const DEFAULT_TEXT_MAX = 500;
const DEFAULT_TEXTAREA_MAX = 20_000;

export const accountRefSchema = z
  .object({ accountId: z.string().uuid(), name: z.string().max(200) })
  .strict();
export type AccountRef = z.infer<typeof accountRefSchema>;

/** "What was seen" -> "what was seen"; "SEND …" stays as it is. */
function lowerFirst(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
}

/**
 * The message a person reads when a field is missing or unusable: it names the field in plain words
 * (GOV.UK: "Enter …", "Choose …"), never the schema's own text ("expected string, received undefined").
 */
export function missingMessage(f: FieldSpec): string {
  const what = lowerFirst(f.label);
  switch (f.type) {
    case 'text':
    case 'textarea':
      return `Enter ${what}.`;
    case 'yesno':
      return `Answer yes or no: ${what}`;
    case 'checkbox':
      return `Confirm: ${f.statement}`;
    case 'datetime':
      return `Enter ${what} as a date (DD MM YYYY) and a time (HH:MM).`;
    case 'date':
      return `Enter ${what} as a date (DD MM YYYY).`;
    case 'time':
      return `Enter ${what} as a time (HH:MM).`;
    case 'accounts':
      return `Choose at least one person: ${what}.`;
    case 'multiselect':
      return `Choose at least one: ${what}.`;
    case 'group':
      return `Complete ${what}.`;
    default:
      return `Choose ${what}.`;
  }
}

function leafSchema(f: FieldSpec): z.ZodTypeAny {
  const error = missingMessage(f);
  switch (f.type) {
    case 'text':
      return z
        .string({ error })
        .trim()
        .min(1, error)
        .max(
          f.maxLength ?? DEFAULT_TEXT_MAX,
          `${f.label}: use at most ${f.maxLength ?? DEFAULT_TEXT_MAX} characters.`,
        );
    case 'textarea':
      return z
        .string({ error })
        .trim()
        .min(1, error)
        .max(
          f.maxLength ?? DEFAULT_TEXTAREA_MAX,
          `${f.label}: use at most ${f.maxLength ?? DEFAULT_TEXTAREA_MAX} characters.`,
        );
    case 'select':
    case 'radio':
      return z.enum(f.options.map((o) => o.value) as [string, ...string[]], { error });
    case 'multiselect':
      return z
        .array(z.enum(f.options.map((o) => o.value) as [string, ...string[]], { error }), { error })
        .min(1, error)
        .max(f.options.length);
    case 'yesno':
      return z.boolean({ error });
    case 'checkbox':
      return f.optional ? z.boolean({ error }) : z.literal(true, { error });
    case 'datetime':
      return z.string({ error }).regex(UK_LOCAL_PATTERN, error);
    case 'date':
      return z.string({ error }).regex(/^\d{4}-\d{2}-\d{2}$/, error);
    case 'time':
      return z.string({ error }).regex(/^\d{2}:\d{2}$/, error);
    case 'person':
      return z.string({ error }).trim().min(1, error).max(120);
    case 'account':
      return z
        .object(
          { accountId: z.string({ error }).uuid(error), name: z.string().max(200) },
          { error },
        )
        .strict();
    case 'accounts':
      return z.array(accountRefSchema, { error }).min(1, error).max(50);
    case 'id':
    case 'record':
    case 'device':
    case 'child':
      return z.string({ error }).uuid(error);
    case 'group': {
      const obj = objectSchemaFromFields(f.fields);
      if (!f.repeat) return obj;
      return z
        .array(obj, { error })
        .min(f.repeat.min ?? (f.optional ? 0 : 1), error)
        .max(f.repeat.max ?? 50);
    }
  }
}

/** The key of a field inside its parent object (fields are named with dotted paths from the root). */
function ownKey(name: string): string {
  const parts = name.split('.');
  return parts[parts.length - 1]!;
}

function objectSchemaFromFields(
  fields: readonly FieldSpec[],
): z.ZodObject<Record<string, z.ZodTypeAny>> {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const f of fields) {
    const s = leafSchema(f);
    // Conditional fields are optional in the shape; `superRefine` below makes them required when shown.
    shape[ownKey(f.name)] = f.optional || f.showIf ? s.optional() : s;
  }
  return z.object(shape).strict();
}

/** Read a dotted path ("witness.accountId") from a plain object. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function conditionHolds(cond: ShowIf, root: unknown, scope: unknown = root): boolean {
  // Paths are resolved against the nearest scope first (inside repeated groups), then the root.
  const local = getPath(scope, cond.field);
  const v = local !== undefined ? local : getPath(root, cond.field);
  if (cond.equals !== undefined) {
    const wanted = Array.isArray(cond.equals) ? cond.equals : [cond.equals];
    return wanted.some((w) => w === v || (Array.isArray(v) && v.includes(w)));
  }
  if (cond.notEquals !== undefined) return v !== undefined && v !== cond.notEquals;
  return v !== undefined && v !== '' && v !== false;
}

/** The role of an account by id, where the accounts are known (the renderer's form). */
export type RoleLookup = (accountId: string) => Role | undefined;

/** Does the account chosen in `cond.field` have (or not have) the roles asked for? False if none is chosen. */
export function accountRoleHolds(
  cond: AccountRoleCondition,
  root: unknown,
  scope: unknown,
  roleOf: RoleLookup,
): boolean {
  const local = getPath(scope, cond.field);
  const v = local !== undefined ? local : getPath(root, cond.field);
  const id = v && typeof v === 'object' ? (v as { accountId?: unknown }).accountId : undefined;
  const role = typeof id === 'string' ? roleOf(id) : undefined;
  if (!role) return false;
  if (cond.roles && !cond.roles.includes(role)) return false;
  return !cond.notRoles?.includes(role);
}

/**
 * Remove empty values and fields whose `showIf` is false, recursively — what the renderer's form
 * holds may include hidden leftovers; what gets signed holds only what the user could see. With
 * `roleOf` (the renderer), fields whose `showIfAccountRole` is false go too.
 */
export function pruneBody(
  fields: readonly FieldSpec[],
  value: unknown,
  root: unknown = value,
  roleOf?: RoleLookup,
): Record<string, unknown> {
  const src = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const key = ownKey(f.name);
    if (f.showIf && !conditionHolds(f.showIf, root, src)) continue;
    if (f.showIfAccountRole && roleOf && !accountRoleHolds(f.showIfAccountRole, root, src, roleOf))
      continue;
    let v = src[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    if (f.type === 'group') {
      if (f.repeat) {
        if (!Array.isArray(v)) continue;
        v = v.map((item) => pruneBody(f.fields, item, root, roleOf));
      } else {
        v = pruneBody(f.fields, v, root, roleOf);
      }
    }
    if (f.type === 'checkbox' && v === false && !f.optional) continue;
    out[key] = v;
  }
  // Keys the form does not know are kept, so that the strict schema refuses them (hostile input).
  const known = new Set(fields.map((f) => ownKey(f.name)));
  for (const [k, v] of Object.entries(src)) if (!known.has(k)) out[k] = v;
  return out;
}

/** Adds "required when shown" checks for conditional fields, at any depth. */
function requireShown(
  fields: readonly FieldSpec[],
  value: unknown,
  root: unknown,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const src = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  for (const f of fields) {
    const key = ownKey(f.name);
    const shown = !f.showIf || conditionHolds(f.showIf, root, src);
    const v = src[key];
    if (f.showIf && shown && !f.optional && v === undefined) {
      ctx.addIssue({ code: 'custom', path: [...path, key], message: missingMessage(f) });
    }
    if (f.showIf && !shown && v !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, key],
        message: `${f.label} does not apply here.`,
      });
    }
    if (f.type === 'group' && v !== undefined) {
      if (f.repeat && Array.isArray(v))
        v.forEach((item, i) => requireShown(f.fields, item, root, [...path, key, i], ctx));
      else if (!f.repeat) requireShown(f.fields, v, root, [...path, key], ctx);
    }
  }
}

export function bodySchemaFromFields(
  fields: readonly FieldSpec[],
): z.ZodType<Record<string, unknown>> {
  return objectSchemaFromFields(fields).superRefine((body, ctx) =>
    requireShown(fields, body, body, [], ctx),
  );
}

/**
 * As bodySchemaFromFields, with some keys' schemas replaced or added (e.g. a list whose values are
 * partly the school's own data, which a fixed option list cannot describe).
 */
export function bodySchemaFromFieldsWith(
  fields: readonly FieldSpec[],
  shape: Record<string, z.ZodTypeAny>,
): z.ZodType<Record<string, unknown>> {
  return objectSchemaFromFields(fields)
    .extend(shape)
    .strict()
    .superRefine((body, ctx) => requireShown(fields, body, body, [], ctx));
}
