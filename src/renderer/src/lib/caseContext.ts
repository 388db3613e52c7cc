// Builds what a case's forms need from a loaded case: the choices for record/child/device fields
// and the rule-check context (actor, accounts, facts) — the same inputs main uses to enforce.
import type { AccountInfo, CaseDetail, SessionInfo } from '../../../shared/ipc/contract';
import type { CheckContext } from '../../../shared/records/kindDef';
import { kindLabel } from '../../../shared/records/registry';
import { ukDateTime } from '../../../shared/ukTime';
import type { FormChoices } from '../forms/FieldInput';

export function choicesFor(
  session: SessionInfo,
  accounts: readonly AccountInfo[],
  detail: CaseDetail | null,
): FormChoices {
  const facts = detail?.facts;
  // facts.devices is keyed by device id (the DeviceFacts).
  const devices = Object.values(facts?.devices ?? {});
  return {
    accounts,
    selfId: session.accountId,
    records: (detail?.records ?? []).map((r) => ({
      id: r.envelope.id,
      kind: r.envelope.kind,
      label: `${kindLabel(r.envelope.kind)} — ${r.envelope.signer.name}, ${ukDateTime(r.envelope.signedAt)}`,
    })),
    children: (facts?.children ?? []).map((c) => ({ id: c.id, label: c.name })),
    // Other people involved (R17: e.g. the person who shared), chosen by the name the case gives.
    others: (Array.isArray(facts?.others) ? (facts.others as Array<{ name?: unknown }>) : [])
      .map((o) => (typeof o.name === 'string' ? o.name.trim() : ''))
      .filter(Boolean)
      .map((name) => ({ id: name, label: name })),
    devices: devices.map((d) => ({
      id: d.deviceId,
      label: d.description ? `${d.exhibitRef} — ${d.description}` : d.exhibitRef,
    })),
  };
}

export function checkContextFor(
  session: SessionInfo,
  accounts: readonly AccountInfo[],
  detail: CaseDetail | null,
): Omit<CheckContext, 'now'> | undefined {
  if (!detail?.facts) return undefined;
  return {
    actor: { id: session.accountId, name: session.name, role: session.role, active: true },
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, role: a.role, active: a.active })),
    facts: detail.facts,
  };
}
