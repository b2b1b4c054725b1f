// The rule registry, sorted by id. A rule's id is its file name and its diagnostic code.
import type { Rule } from '../service/rule';
import { rule as duplicateContainerName } from './duplicate-container-name';
import { rule as initContainerLifecycle } from './init-container-lifecycle';
import { rule as initContainerNeverExits } from './init-container-never-exits';
import { rule as initContainerProbe } from './init-container-probe';
import { rule as initContainerRestartPolicy } from './init-container-restart-policy';
import { rule as initFailureFailsPod } from './init-failure-fails-pod';
import { rule as initResourcesDominate } from './init-resources-dominate';
import { rule as sidecarNoStartupProbe } from './sidecar-no-startup-probe';
import { rule as sidecarUnsupportedVersion } from './sidecar-unsupported-version';

export const RULES: readonly Rule[] = [
  duplicateContainerName,
  initContainerLifecycle,
  initContainerNeverExits,
  initContainerProbe,
  initContainerRestartPolicy,
  initFailureFailsPod,
  initResourcesDominate,
  sidecarNoStartupProbe,
  sidecarUnsupportedVersion,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
