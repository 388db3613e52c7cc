// Kind-specific additions to the generic "Add a record" form, registered by kind (one line each):
// a panel shown above the form (e.g. the rules' guidance) and a narrowing of the form's choices
// (e.g. only copies still without the police's advice). The form itself stays generic.
import type { ComponentType } from 'react';
import type { AccountInfo, CaseDetail } from '../../../shared/ipc/contract';
import type { FormChoices } from './FieldInput';
import { IMAGERY_FORM_EXTRAS } from '../imagery/imageryForms';

export interface FormIntroProps {
  detail: CaseDetail;
  accounts: readonly AccountInfo[];
  /** Load the case again (e.g. after a senior leader signed a delegation at this PC). */
  reload: () => void;
}

export interface FormExtra {
  /** Shown above the form. */
  Intro?: ComponentType<FormIntroProps>;
  /** Narrows the choices offered by the form's pickers. */
  choices?: (choices: FormChoices, detail: CaseDetail) => FormChoices;
}

export const FORM_EXTRAS: Record<string, FormExtra> = {
  ...IMAGERY_FORM_EXTRAS,
};
