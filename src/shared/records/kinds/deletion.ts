// "Deletion instruction" and "Deletion confirmed" (R17): where the school handles an incident, the
// young person is asked to delete the imagery from devices, cloud storage and social media by a
// deadline, and confirms. Never while a police referral exists: the imagery is then evidence.
import type { RecordKindDef } from '../kindDef';
import type { FieldSpec } from '../fields';
import type { Finding } from '../../rules/finding';
import { bodySchemaFromFields } from '../formSchema';
import type { DeletionInstructionFact } from '../referralFacts';
import { hasPoliceReferral, r17Findings, R17_EVIDENCE_MESSAGE } from '../../rules/referral';
import { sharerAdvice } from '../../rules/pupilRules';
import { UK_LOCAL_PATTERN, ukLocalToUtc } from '../../ukTime';
import {
  childFinding,
  otherPersonFinding,
  DELETION_PLACES,
  futureFinding,
  hasPeople,
  peopleFields,
  push,
} from './referralOptions';

const instructionFields: readonly FieldSpec[] = [
  // R17: the child on the case or another person involved — often the person who shared the image.
  // Both optional in the schema (older instructions name a child); exactly one is required below.
  {
    name: 'child',
    label: 'Young person asked to delete: a child on this case',
    type: 'child',
    optional: true,
    requiredNote: 'this or the next question',
  },
  {
    name: 'otherPerson',
    label: 'Or another person involved (for example, the person who shared the image)',
    type: 'person',
    optional: true,
    requiredNote: 'this or the question above',
  },
  {
    name: 'what',
    label: 'What they were asked to delete (in words)',
    type: 'textarea',
    maxLength: 8000,
    guidance: 'Describe in words only. Never look at, copy or save the imagery to check (R2).',
  },
  { name: 'where', label: 'From where', type: 'multiselect', options: DELETION_PLACES },
  {
    name: 'whereOther',
    label: 'Where else',
    type: 'text',
    maxLength: 300,
    showIf: { field: 'where', equals: 'other' },
  },
  { name: 'instructedAt', label: 'When they were asked', type: 'datetime' },
  { name: 'deadline', label: 'Delete by', type: 'datetime' },
  ...peopleFields('present', 'Who was present'),
];

export const deletionInstruction: RecordKindDef = {
  kind: 'deletion-instruction',
  label: 'Deletion instruction',
  description:
    'Ask a young person to delete the imagery from devices, cloud storage and social media by a deadline (R17).',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields: instructionFields,
  guidance:
    'Only where the school is handling the incident itself. Never where a police referral exists: the imagery is then evidence (R17).',
  schema: bodySchemaFromFields(instructionFields).superRefine((b, ctx) => {
    if (!b.child && !b.otherPerson)
      ctx.addIssue({
        code: 'custom',
        path: ['child'],
        message:
          'Choose the young person asked to delete: a child on this case or another person involved.',
      });
    if (b.child && b.otherPerson)
      ctx.addIssue({
        code: 'custom',
        path: ['otherPerson'],
        message:
          'Choose one young person per instruction: a child on this case or another person involved.',
      });
    if (!hasPeople(b, 'present'))
      ctx.addIssue({ code: 'custom', path: ['present'], message: 'Say who was present.' });
  }),
  summary: () => 'Deletion instruction',
  check(b, ctx) {
    const out: Finding[] = [
      ...r17Findings(ctx.facts),
      ...childFinding(ctx.facts, b.child),
      ...sharerAdvice(ctx.facts, b.child),
      ...otherPersonFinding(ctx.facts, b.otherPerson),
      ...futureFinding(b.instructedAt, ctx.now, 'instructedAt', 'The time of the instruction'),
    ];
    if (
      typeof b.deadline === 'string' &&
      typeof b.instructedAt === 'string' &&
      UK_LOCAL_PATTERN.test(b.deadline) &&
      UK_LOCAL_PATTERN.test(b.instructedAt)
    ) {
      if (Date.parse(ukLocalToUtc(b.deadline)) <= Date.parse(ukLocalToUtc(b.instructedAt))) {
        out.push({
          rule: 'R17',
          status: 'blocks',
          stage: 'sign',
          field: 'deadline',
          message: 'The deadline must be after the time of the instruction.',
        });
      }
    }
    return out;
  },
  reduce(facts, env, b) {
    const fact: DeletionInstructionFact = {
      recordId: env.id,
      caseSeq: env.caseSeq,
      signedAt: env.signedAt,
      childId: typeof b.child === 'string' ? b.child : '',
      ...(typeof b.otherPerson === 'string' ? { personName: b.otherPerson } : {}),
      deadline: typeof b.deadline === 'string' ? ukLocalToUtc(b.deadline) : env.signedAt,
    };
    push(facts, 'deletionInstructions', fact);
  },
};

const confirmedFields: readonly FieldSpec[] = [
  {
    name: 'instruction',
    label: 'Deletion instruction confirmed',
    type: 'record',
    kinds: ['deletion-instruction'],
  },
  {
    name: 'confirmedBy',
    label: 'Confirmed by (name)',
    type: 'text',
    maxLength: 200,
    help: 'Usually the young person; or the parent or carer who saw it done.',
  },
  { name: 'confirmedAt', label: 'When', type: 'datetime' },
  {
    name: 'how',
    label: 'How it was confirmed',
    type: 'textarea',
    maxLength: 4000,
    guidance: 'Never look at the device’s imagery to check (R2).',
  },
  { name: 'notes', label: 'Notes', type: 'textarea', optional: true, maxLength: 8000 },
];

export const deletionConfirmed: RecordKindDef = {
  kind: 'deletion-confirmed',
  label: 'Deletion confirmed',
  description: 'Record that the young person confirmed the deletion they were asked to make (R17).',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields: confirmedFields,
  schema: bodySchemaFromFields(confirmedFields),
  summary: () => 'Deletion confirmed',
  check(b, ctx) {
    const out: Finding[] = [
      ...futureFinding(b.confirmedAt, ctx.now, 'confirmedAt', 'The confirmation time'),
    ];
    const target = (ctx.facts.deletionInstructions ?? []).find((d) => d.recordId === b.instruction);
    if (!target) {
      out.push({
        rule: 'R17',
        status: 'blocks',
        stage: 'sign',
        field: 'instruction',
        message: 'Choose a deletion instruction on this case.',
      });
    } else if (target.confirmedBy) {
      out.push({
        rule: 'R17',
        status: 'blocks',
        stage: 'sign',
        field: 'instruction',
        message: 'That deletion instruction already has its confirmation recorded.',
      });
    }
    if (hasPoliceReferral(ctx.facts)) {
      out.push({
        rule: 'R17',
        status: 'advice',
        stage: 'sign',
        message: 'A police referral exists on this case: tell the police about this deletion.',
      });
    }
    return out;
  },
  reduce(facts, env, b) {
    const target = (facts.deletionInstructions ?? []).find((d) => d.recordId === b.instruction);
    if (target && !target.confirmedBy) target.confirmedBy = env.id;
  },
};

const followUpFields: readonly FieldSpec[] = [
  {
    name: 'instruction',
    label: 'Deletion instruction followed up',
    type: 'record',
    kinds: ['deletion-instruction'],
  },
  {
    name: 'what',
    label: 'What was done',
    type: 'textarea',
    maxLength: 8000,
    help: 'For example: spoke to the young person again, informed the parents, asked the police for advice.',
    guidance: 'Never look at the device’s imagery to check (R2).',
  },
  {
    name: 'newDeadline',
    label: 'New deadline',
    type: 'datetime',
    optional: true,
    help: 'Only if the young person was given more time. Leave empty otherwise.',
  },
];

export const deletionFollowUp: RecordKindDef = {
  kind: 'deletion-follow-up',
  label: 'Deletion follow-up',
  description:
    'Record what was done when a deletion was not confirmed by its deadline, and any new deadline (R17).',
  mayCreate: ['dsl', 'deputy'],
  userForm: true,
  correctable: true,
  fields: followUpFields,
  schema: bodySchemaFromFields(followUpFields),
  summary: () => 'Deletion follow-up',
  check(b, ctx) {
    const out: Finding[] = [];
    const target = (ctx.facts.deletionInstructions ?? []).find((d) => d.recordId === b.instruction);
    if (!target) {
      out.push({
        rule: 'R17',
        status: 'blocks',
        stage: 'sign',
        field: 'instruction',
        message: 'Choose a deletion instruction on this case.',
      });
    } else if (target.confirmedBy) {
      out.push({
        rule: 'R17',
        status: 'blocks',
        stage: 'sign',
        field: 'instruction',
        message: 'That deletion instruction already has its confirmation recorded.',
      });
    }
    if (
      typeof b.newDeadline === 'string' &&
      UK_LOCAL_PATTERN.test(b.newDeadline) &&
      Date.parse(ukLocalToUtc(b.newDeadline)) <= Date.parse(ctx.now)
    ) {
      out.push({
        rule: 'R17',
        status: 'blocks',
        stage: 'sign',
        field: 'newDeadline',
        message: 'The new deadline must be in the future.',
      });
    }
    if (hasPoliceReferral(ctx.facts)) {
      out.push({
        rule: 'R17',
        status: 'advice',
        stage: 'sign',
        message: R17_EVIDENCE_MESSAGE,
      });
    }
    return out;
  },
  reduce(facts, env, b) {
    const target = (facts.deletionInstructions ?? []).find((d) => d.recordId === b.instruction);
    if (!target || target.confirmedBy) return;
    // A new deadline keeps the instruction open (and on the dashboard again if missed); a follow-up
    // without one is the recorded follow-up that takes a missed deadline off the dashboard.
    if (typeof b.newDeadline === 'string' && UK_LOCAL_PATTERN.test(b.newDeadline)) {
      target.deadline = ukLocalToUtc(b.newDeadline);
      delete target.followedUpBy;
    } else {
      target.followedUpBy = env.id;
    }
  },
};
