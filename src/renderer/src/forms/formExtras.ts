// Kind-specific additions to the generic "Add a record" form, registered by kind (one line each):
// a panel shown above the form (e.g. the rules' guidance) and a narrowing of the form's choices
// (e.g. only copies still without the police's advice). The form itself stays generic.
import type { ComponentType, ReactNode } from 'react';
import type { AccountInfo, CaseDetail } from '../../../shared/ipc/contract';
import type { FormChoices } from './FieldInput';
import { IMAGERY_FORM_EXTRAS } from '../imagery/imageryForms';
import { REFERRAL_FORM_EXTRAS } from '../referral/referralForms';

export interface FormIntroProps {
  detail: CaseDetail;
  accounts: readonly AccountInfo[];
  /** Load the case again (e.g. after a senior leader signed a delegation at this PC). */
  reload: () => void;
  /** What the kind's `load` returned (undefined without one). */
  loaded?: unknown;
}

/** Rendered inside the form, after its fields: react-hook-form's context is available (useWatch, setValue). */
export interface FormInsideProps {
  detail: CaseDetail;
  loaded?: unknown;
}

export interface FormExtra {
  /** Shown above the form. */
  Intro?: ComponentType<FormIntroProps>;
  /** Narrows the choices offered by the form's pickers. */
  choices?: (choices: FormChoices, detail: CaseDetail) => FormChoices;
  /** Data from main the form needs before it is shown (e.g. the referral context). */
  load?: (caseId: string) => Promise<unknown>;
  /** The form's initial values (e.g. a pre-selected agency, "now" from main's clock). */
  defaults?: (detail: CaseDetail, loaded: unknown) => Record<string, unknown>;
  /** Notes shown just after a top-level field, by field name (e.g. what the case says about an R11 criterion). */
  fieldNotes?: (detail: CaseDetail, loaded: unknown) => Record<string, ReactNode>;
  /** Live guidance inside the form that reacts to the answers. */
  Inside?: ComponentType<FormInsideProps>;
}

export const FORM_EXTRAS: Record<string, FormExtra> = {
  ...IMAGERY_FORM_EXTRAS,
  ...REFERRAL_FORM_EXTRAS, // Referral check, referral, deletion, device search, per-child forms
};
