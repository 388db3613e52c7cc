// Display helpers for the pupil screens: dates as DD/MM/YYYY and a child's age today (UK date).
import { childAgeOn } from '../../../shared/rules/referral';

export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

export function ageToday(dob: string): number | null {
  return childAgeOn(dob, new Date().toISOString());
}
