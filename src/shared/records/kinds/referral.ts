// "Referral": to the police, children's social care / MASH, the LADO, CEOP, Prevent/Channel,
// IWF/Report Remove or another agency — when, how, to whom, their reference, what was shared, the
// advice and the agreed next steps. A referral to the police or CSC clears a same-day R11 item.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import type { Agency, ReferralFact } from '../referralFacts';
import { AGENCIES, POLICE_AGENCIES, updateReferralFlag } from '../../rules/referral';
import { ukLocalToUtc } from '../../ukTime';
import { futureFinding, push, REFERRAL_METHODS } from './referralOptions';
import { optionLabel } from './options';

const fields: readonly FieldSpec[] = [
  { name: 'agency', label: 'Referred to', type: 'select', options: AGENCIES },
  {
    name: 'agencyOther',
    label: 'Which agency',
    type: 'text',
    maxLength: 200,
    showIf: { field: 'agency', equals: 'other' },
  },
  { name: 'madeAt', label: 'When the referral was made', type: 'datetime' },
  { name: 'method', label: 'How', type: 'radio', options: REFERRAL_METHODS },
  { name: 'contact', label: 'To whom (name and role)', type: 'text', maxLength: 300 },
  {
    name: 'reference',
    label: 'Their reference number',
    type: 'text',
    maxLength: 120,
    optional: true,
    help: 'If they have not given one yet, add it later with a correction.',
  },
  {
    name: 'shared',
    label: 'What was shared',
    type: 'textarea',
    maxLength: 8000,
    guidance:
      'Describe the imagery in words only. Never send, forward or show imagery to anyone, including the police or social care (R2).',
  },
  { name: 'advice', label: 'The advice given', type: 'textarea', maxLength: 8000 },
  { name: 'nextSteps', label: 'Agreed next steps', type: 'textarea', maxLength: 8000 },
];

export const referral: RecordKindDef = {
  kind: 'referral',
  label: 'Referral',
  description:
    'A referral to the police, children’s social care / MASH, the LADO, CEOP, Prevent, IWF / Report Remove or another agency.',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  schema: bodySchemaFromFields(fields),
  summary: (b) =>
    `Referral to ${b.agency === 'other' ? String(b.agencyOther) : optionLabel(AGENCIES, b.agency)}`,
  check(b, ctx) {
    const out: Finding[] = [
      ...futureFinding(b.madeAt, ctx.now, 'madeAt', 'The time the referral was made'),
    ];
    const pendingDeletion = (ctx.facts.deletionInstructions ?? []).some((d) => !d.confirmedBy);
    if (POLICE_AGENCIES.includes(b.agency as Agency) && pendingDeletion) {
      out.push({
        rule: 'R17',
        status: 'advice',
        stage: 'sign',
        field: 'agency',
        message:
          'A deletion instruction is still open on this case. Tell the police, and ask the young person not to delete anything further until the police advise: the imagery may be evidence (R17).',
      });
    }
    return out;
  },
  reduce(facts, env, b) {
    const fact: ReferralFact = {
      recordId: env.id,
      caseSeq: env.caseSeq,
      signedAt: env.signedAt,
      agency: b.agency as Agency,
      madeAt: typeof b.madeAt === 'string' ? ukLocalToUtc(b.madeAt) : env.signedAt,
    };
    push(facts, 'referrals', fact);
    updateReferralFlag(facts);
  },
};
