// The kinds of incident on screen: the built-in list plus the school's own (app:categories.list),
// for the "Kind of incident" choice and for showing a case's kind by its name.
import type { RecordKindDef } from '../../../shared/records/kindDef';
import type { FieldSpec } from '../../../shared/records/fields';
import { incidentKindOptions, type IncidentCategoryInfo } from '../../../shared/incidentCategories';

/** The case-opened kind with the school's own kinds in its "Kind of incident" list. */
export function withSchoolKinds(
  def: RecordKindDef,
  own: readonly IncidentCategoryInfo[],
  keep?: string,
): RecordKindDef {
  const fields = def.fields.map((f): FieldSpec =>
    f.name === 'incidentKind' && f.type === 'select'
      ? { ...f, options: incidentKindOptions(own, keep) }
      : f,
  );
  return { ...def, fields };
}
