// The rule registry, sorted by id. A rule's id is its file name and its diagnostic code.
import type { Rule } from '../engine/rule';
import { rule as daemonsetSurgeHostport } from './daemonset-surge-hostport';
import { rule as duplicateContainerName } from './duplicate-container-name';
import { rule as execShellSyntax } from './exec-shell-syntax';
import { rule as grpcProbeUnsupported } from './grpc-probe-unsupported';
import { rule as hpaReplicasConflict } from './hpa-replicas-conflict';
import { rule as initContainerLifecycle } from './init-container-lifecycle';
import { rule as initContainerNeverExits } from './init-container-never-exits';
import { rule as initContainerProbe } from './init-container-probe';
import { rule as initContainerRestartPolicy } from './init-container-restart-policy';
import { rule as initFailureFailsPod } from './init-failure-fails-pod';
import { rule as initResourcesDominate } from './init-resources-dominate';
import { rule as invalidPortName } from './invalid-port-name';
import { rule as livenessDelayUseStartup } from './liveness-delay-use-startup';
import { rule as livenessEqualsReadiness } from './liveness-equals-readiness';
import { rule as livenessKillGraceLong } from './liveness-kill-grace-long';
import { rule as livenessProbeMissing } from './liveness-probe-missing';
import { rule as livenessTooAggressive } from './liveness-too-aggressive';
import { rule as pdbBlocksEviction } from './pdb-blocks-eviction';
import { rule as pdbInvalid } from './pdb-invalid';
import { rule as pdbMissing } from './pdb-missing';
import { rule as pdbUnhealthyEvictionPolicy } from './pdb-unhealthy-eviction-policy';
import { rule as prestopExceedsGrace } from './prestop-exceeds-grace';
import { rule as prestopMissing } from './prestop-missing';
import { rule as probeHandlerCount } from './probe-handler-count';
import { rule as probePortNotDeclared } from './probe-port-not-declared';
import { rule as probePortUdp } from './probe-port-udp';
import { rule as probeSuccessThreshold } from './probe-success-threshold';
import { rule as probeTimeoutExceedsPeriod } from './probe-timeout-exceeds-period';
import { rule as progressDeadlineNotGreater } from './progress-deadline-not-greater';
import { rule as qosGuaranteedBroken } from './qos-guaranteed-broken';
import { rule as readinessProbeMissing } from './readiness-probe-missing';
import { rule as readinessTerminationGrace } from './readiness-termination-grace';
import { rule as recreateStrategy } from './recreate-strategy';
import { rule as removedApiVersion } from './removed-api-version';
import { rule as rollingUpdateInvalidValue } from './rolling-update-invalid-value';
import { rule as rollingUpdateZeroSurgeAndUnavailable } from './rolling-update-zero-surge-and-unavailable';
import { rule as selectorMismatch } from './selector-mismatch';
import { rule as servicePortMismatch } from './service-port-mismatch';
import { rule as shellPid1NoExec } from './shell-pid1-no-exec';
import { rule as sidecarNoStartupProbe } from './sidecar-no-startup-probe';
import { rule as sidecarShutdownBudget } from './sidecar-shutdown-budget';
import { rule as sidecarUnsupportedVersion } from './sidecar-unsupported-version';
import { rule as singleReplicaUnavailable } from './single-replica-unavailable';
import { rule as sleepActionUnsupported } from './sleep-action-unsupported';
import { rule as startupExceedsProgressDeadline } from './startup-exceeds-progress-deadline';
import { rule as statefulsetOndelete } from './statefulset-ondelete';
import { rule as templateRestartPolicy } from './template-restart-policy';
import { rule as terminationGraceZero } from './termination-grace-zero';

export const RULES: readonly Rule[] = [
  daemonsetSurgeHostport,
  duplicateContainerName,
  execShellSyntax,
  grpcProbeUnsupported,
  hpaReplicasConflict,
  initContainerLifecycle,
  initContainerNeverExits,
  initContainerProbe,
  initContainerRestartPolicy,
  initFailureFailsPod,
  initResourcesDominate,
  invalidPortName,
  livenessDelayUseStartup,
  livenessEqualsReadiness,
  livenessKillGraceLong,
  livenessProbeMissing,
  livenessTooAggressive,
  pdbBlocksEviction,
  pdbInvalid,
  pdbMissing,
  pdbUnhealthyEvictionPolicy,
  prestopExceedsGrace,
  prestopMissing,
  probeHandlerCount,
  probePortNotDeclared,
  probePortUdp,
  probeSuccessThreshold,
  probeTimeoutExceedsPeriod,
  progressDeadlineNotGreater,
  qosGuaranteedBroken,
  readinessProbeMissing,
  readinessTerminationGrace,
  recreateStrategy,
  removedApiVersion,
  rollingUpdateInvalidValue,
  rollingUpdateZeroSurgeAndUnavailable,
  selectorMismatch,
  servicePortMismatch,
  shellPid1NoExec,
  sidecarNoStartupProbe,
  sidecarShutdownBudget,
  sidecarUnsupportedVersion,
  singleReplicaUnavailable,
  sleepActionUnsupported,
  startupExceedsProgressDeadline,
  statefulsetOndelete,
  templateRestartPolicy,
  terminationGraceZero,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
