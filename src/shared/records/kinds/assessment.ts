// "Assessment" (R14): the questions of docs/rules.md ("Questions to support assessment"),
// one record per young person, each question with an answer and notes. Answers that point at an
// immediate-referral criterion are shown as advice (R11) and as hints on the referral check.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import type { AssessmentFact } from '../referralFacts';
import {
  childFinding,
  push,
  PRESSURE_OPTIONS,
  UNDERSTANDING_OPTIONS,
  VULNERABILITY_FACTORS,
  YES_NO_UNKNOWN,
} from './referralOptions';

const notes = (name: string): FieldSpec => ({
  name,
  label: 'Notes',
  type: 'textarea',
  optional: true,
  maxLength: 8000,
});

const fields: readonly FieldSpec[] = [
  { name: 'child', label: 'Young person this assessment is about', type: 'child' },
  // 1. Vulnerability
  {
    name: 'vulnerable',
    label: 'Do you have any concerns about the young person’s vulnerability?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
    help: 'Their circumstances, background or sexuality may make them additionally vulnerable.',
  },
  {
    name: 'vulnerabilityFactors',
    label: 'What makes them additionally vulnerable',
    type: 'multiselect',
    options: VULNERABILITY_FACTORS,
    showIf: { field: 'vulnerable', equals: 'yes' },
  },
  notes('vulnerabilityNotes'),
  // 2. Why shared; pressure or coercion
  {
    name: 'whyShared',
    label: 'Why were the nudes or semi-nudes shared?',
    type: 'textarea',
    maxLength: 8000,
    help: 'For example flirting, trust in a relationship, seeking attention, as a joke.',
  },
  {
    name: 'pressure',
    label: 'Was the young person put under pressure or coerced, or was consent freely given?',
    type: 'radio',
    options: PRESSURE_OPTIONS,
  },
  notes('pressureNotes'),
  // 3. Shared beyond the intended recipient / without consent
  {
    name: 'sharedBeyond',
    label: 'Has the imagery been shared beyond its intended recipient?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
  },
  {
    name: 'withoutConsent',
    label: 'Was it shared without the consent of the young person who produced it?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
  },
  {
    name: 'intentToHarm',
    label: 'Was there deliberate intent to cause harm, or was it used to bully or blackmail?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
  },
  notes('sharingNotes'),
  // 4. Ages
  { name: 'ages', label: 'How old are the young people involved?', type: 'text', maxLength: 300 },
  {
    name: 'anyUnder13',
    label: 'Is anyone involved under 13?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
    help: 'Children under 13 can never legally consent to sexual activity (Sexual Offences Act 2003).',
  },
  {
    name: 'ageDifference',
    label: 'Is there a significant age difference?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
  },
  {
    name: 'actsUnexpectedForAge',
    label: 'Is the imagery believed to contain acts not expected of a young person of that age?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
  },
  notes('agesNotes'),
  // 5. More than one recipient
  {
    name: 'moreThanOne',
    label: 'Did the young person send the imagery to more than one person?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
  },
  notes('recipientsNotes'),
  // 6. Understanding
  {
    name: 'understands',
    label: 'Does the young person understand the possible implications of sharing it?',
    type: 'radio',
    options: UNDERSTANDING_OPTIONS,
  },
  notes('understandingNotes'),
  // 7. Parents
  {
    name: 'parentConcerns',
    label: 'Are there additional concerns if the parents or carers are informed?',
    type: 'radio',
    options: YES_NO_UNKNOWN,
    help: 'For example concerns about parental abuse, or cultural or religious factors.',
  },
  {
    name: 'parentConcernsDetails',
    label: 'What the concerns are',
    type: 'textarea',
    maxLength: 8000,
    showIf: { field: 'parentConcerns', equals: 'yes' },
  },
  {
    name: 'overall',
    label: 'Overall assessment',
    type: 'textarea',
    optional: true,
    maxLength: 8000,
  },
];

export const assessment: RecordKindDef = {
  kind: 'assessment',
  label: 'Assessment',
  description:
    'The Appendix 1 questions for one young person: vulnerability, coercion, sharing, ages, understanding, parents (R14).',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields,
  guidance:
    'Use these questions to decide whether the young person is at risk of harm and a referral is needed, or whether the school can manage the incident (docs/rules.md). Describe imagery in words only (R2).',
  schema: bodySchemaFromFields(fields),
  summary: () => 'Assessment (Appendix 1 questions)',
  check(b, ctx) {
    const out: Finding[] = [...childFinding(ctx.facts, b.child)];
    const advise = (field: string, message: string) =>
      out.push({ rule: 'R11', status: 'advice', stage: 'sign', field, message });
    if (b.pressure === 'pressure' || b.pressure === 'coerced')
      advise(
        'pressure',
        'A young person pressured or coerced into sharing imagery should be referred to the police today (R11).',
      );
    if (b.intentToHarm === 'yes')
      advise(
        'intentToHarm',
        'Imagery shared with intent to harm, or used to bully or blackmail, should be reported to the police through the MASH.',
      );
    if (b.actsUnexpectedForAge === 'yes')
      advise(
        'actsUnexpectedForAge',
        'Acts not expected of a young person of that age should be referred to the police through the MASH (R11).',
      );
    if (b.anyUnder13 === 'yes')
      advise(
        'anyUnder13',
        'Where sexual acts and a child under 13 are involved, an immediate referral is needed (R11).',
      );
    if (b.vulnerable === 'yes')
      out.push({
        rule: 'R14',
        status: 'advice',
        stage: 'sign',
        field: 'vulnerable',
        message:
          'Where there are wider concerns about the child’s care and welfare, consider a referral to children’s social care.',
      });
    if (b.parentConcerns === 'yes')
      out.push({
        rule: 'R13',
        status: 'advice',
        stage: 'sign',
        field: 'parentConcerns',
        message: 'If you decide not to inform the parents or carers, record the reasons (R13).',
      });
    return out;
  },
  reduce(facts, env, b) {
    const fact: AssessmentFact = {
      recordId: env.id,
      caseSeq: env.caseSeq,
      childId: String(b.child),
      pressure: b.pressure as string | undefined,
      anyUnder13: b.anyUnder13 as string | undefined,
      actsUnexpectedForAge: b.actsUnexpectedForAge as string | undefined,
      intentToHarm: b.intentToHarm as string | undefined,
    };
    push(facts, 'assessments', fact);
  },
};
