// doctor's rules, each a pure function of the synthesized auth stack (and, for the handler rules,
// of what the bundled pre token generation handler answered).
import type { AuthStack } from '../stack.js';
import { type DataContext, dataRuleFindings, rulesReading } from './data-rules.js';
import { FINDING_IDS, type Finding } from './finding.js';
import { handlerFindings } from './handler-rules.js';
import { preTokenConfigFindings, unattachedTriggerFindings } from './lambda-config.js';
import { permissionFindings } from './permissions.js';
import { planFindings } from './plan.js';
import type { PreTokenProbe } from './probe.js';

export { FINDING_IDS, HANDLER_RULE_IDS, type Finding, type FindingId, type NotChecked, type Severity } from './finding.js';
export { markerValues, type AttributeMarker, type HandlerOutcome, type PreTokenProbe } from './probe.js';

export { type DataContext } from './data-rules.js';

/** `data`: the backend's Amplify Data rules and the sample user's tokens, when it defines data. */
export function diagnose(stack: AuthStack, probe?: PreTokenProbe, data?: DataContext): Finding[] {
  const dataReaders = (claim: string) => (data ? rulesReading(data.schema.rules, claim) : []);
  const findings = [
    ...preTokenConfigFindings(stack),
    ...unattachedTriggerFindings(stack),
    ...permissionFindings(stack),
    ...planFindings(stack),
    ...(probe ? handlerFindings(stack, probe, dataReaders) : []),
    ...(data ? dataRuleFindings(stack, data) : []),
  ];
  // Errors first, then in catalog order: the report reads most urgent first.
  return findings.sort(
    (a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning') || FINDING_IDS.indexOf(a.id) - FINDING_IDS.indexOf(b.id),
  );
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
