// What every device record shares: the device id and exhibit reference that main fixes
// and quotes in every record about the device (R10), the schema wrapper that checks them beside the
// user's fields, the kind definition of a record about a device already recorded (custody steps,
// the description), the event-time checks, and the facts helpers.
import { z } from 'zod';
import type { FieldSpec } from '../fields';
import type { CaseFacts } from '../facts';
import type { Finding } from '../../rules/finding';
import type { CheckContext, RecordKindDef } from '../kindDef';
import { bodySchemaFromFields } from '../formSchema';
import {
  EXHIBIT_REF_PATTERN,
  FUTURE_TOLERANCE_MINUTES,
  type DeviceFacts,
} from '../../rules/custody';
import { UK_LOCAL_PATTERN, ukLocalToUtc } from '../../ukTime';

/** Body keys set by main, never typed by the user: they are not form fields. */
export const DEVICE_REF_KEYS = ['deviceId', 'exhibitRef'] as const;

const uuid = z.string().uuid();

/**
 * The kind's schema: the user's fields (strict, from `fields`) plus `deviceId` and `exhibitRef`,
 * which main fills in. Both are refused if malformed, so a body can never name a device loosely.
 */
export function deviceBodySchema(
  fields: readonly FieldSpec[],
  refine?: (b: Record<string, unknown>, ctx: z.RefinementCtx) => void,
): z.ZodType<Record<string, unknown>> {
  const inner = bodySchemaFromFields(fields);
  return z.record(z.string(), z.unknown()).transform((b, ctx) => {
    const { deviceId, exhibitRef, ...rest } = b;
    let ok = true;
    if (!uuid.safeParse(deviceId).success) {
      ctx.addIssue({ code: 'custom', path: ['deviceId'], message: 'Choose the device.' });
      ok = false;
    }
    if (typeof exhibitRef !== 'string' || !EXHIBIT_REF_PATTERN.test(exhibitRef)) {
      ctx.addIssue({
        code: 'custom',
        path: ['exhibitRef'],
        message: 'The exhibit reference is missing or not in the form CS-<URN>-<year>-<number>.',
      });
      ok = false;
    }
    const r = inner.safeParse(rest);
    if (!r.success) {
      for (const i of r.error.issues)
        ctx.addIssue({ code: 'custom', path: i.path as (string | number)[], message: i.message });
      return z.NEVER;
    }
    if (!ok) return z.NEVER;
    const out = { ...r.data, deviceId: deviceId as string, exhibitRef: exhibitRef as string };
    refine?.(out, ctx);
    return out;
  }) as unknown as z.ZodType<Record<string, unknown>>;
}

export function deviceOf(facts: CaseFacts, deviceId: unknown): DeviceFacts | undefined {
  return typeof deviceId === 'string' ? facts.devices?.[deviceId] : undefined;
}

export function devicesMap(facts: CaseFacts): Record<string, DeviceFacts> {
  facts.devices ??= {};
  return facts.devices;
}

/** R10: a time typed on a custody record cannot be in the future (main's clock in main). */
export function eventTimeFindings(
  value: unknown,
  now: string,
  field: string,
  label: string,
): Finding[] {
  if (typeof value !== 'string' || !UK_LOCAL_PATTERN.test(value)) return [];
  const at = Date.parse(ukLocalToUtc(value));
  if (at - Date.parse(now) > FUTURE_TOLERANCE_MINUTES * 60000) {
    return [
      {
        rule: 'R10',
        status: 'blocks',
        stage: 'sign',
        field,
        message: `${label} is in the future. Give the time it actually happened.`,
      },
    ];
  }
  return [];
}

/**
 * A record about a device already on the case (a custody step, the description). Only
 * app:devices.step creates it: main fixes the device id and exhibit reference (R10); it may be
 * corrected; its list line starts with the exhibit reference; and it is refused when the device is
 * not recorded on this case. `check` gives the kind's own findings for that device.
 */
export function deviceRecordKind(def: {
  kind: string;
  label: string;
  description: string;
  mayCreate: RecordKindDef['mayCreate'];
  fields: readonly FieldSpec[];
  guidance?: string | undefined;
  /** What follows the exhibit reference in the list line. */
  summary: (b: Record<string, unknown>) => string;
  check: (b: Record<string, unknown>, ctx: CheckContext, d: DeviceFacts) => Finding[];
  reduce: NonNullable<RecordKindDef['reduce']>;
}): RecordKindDef {
  return {
    kind: def.kind,
    label: def.label,
    description: def.description,
    mayCreate: def.mayCreate,
    userForm: false,
    correctable: true,
    fields: def.fields,
    ...(def.guidance ? { guidance: def.guidance } : {}),
    schema: deviceBodySchema(def.fields),
    summary: (b) => `${String(b.exhibitRef)} — ${def.summary(b)}`,
    check(b, ctx): Finding[] {
      const d = deviceOf(ctx.facts, b.deviceId);
      if (!d)
        return [
          {
            rule: 'R10',
            status: 'blocks',
            stage: 'sign',
            message: 'That device is not recorded on this case.',
          },
        ];
      return def.check(b, ctx, d);
    },
    reduce: def.reduce,
  };
}
