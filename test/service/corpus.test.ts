// Real manifests nobody on this project wrote (../shared/corpus): every file is analysed without a crash or a
// hang, and what fires is listed here with the reason it is right. Skipped when the corpus is not present.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/rules';
import { analyse } from '../../server/src/engine/analyze';
import { positionOf } from '../support/rule-tester';

const CORPUS = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

/** Every error on the corpus, as `code file:line`, with why it is right. */
const ERRORS: Record<string, string> = {
  'schema kubernetes-examples/_archived/volumes/fibre_channel/fc.yaml:17': '`lun` holds the placeholder string "<ADD LUN ID Here>"; the API wants an integer',
  'schema kubernetes-examples/_archived/volumes/rbd/rbd.yaml:25': '`imageformat` is not a field of RBDVolumeSource',
  'schema kubernetes-examples/_archived/volumes/rbd/rbd.yaml:26': '`imagefeatures` is not a field of RBDVolumeSource',
  'schema kubernetes-examples/_archived/volumes/scaleio/pod.yaml:17': 'typo `protectionDoamin` for `protectionDomain`',
  'schema kubernetes-examples/_archived/volumes/storageos/storageos-pod.yaml:35': '`pool` is not a field of StorageOSVolumeSource',
  // apiVersions the default target (the newest version) no longer serves (the deprecated API migration guide).
  'removed-api-version kubernetes-examples/_archived/cockroachdb/cockroachdb-statefulset.yaml:57': 'policy/v1beta1 PodDisruptionBudget, not served since 1.25',
  'removed-api-version kubernetes-examples/_archived/newrelic-infrastructure/newrelic-infra-daemonset.yaml:1':
    'extensions/v1beta1 DaemonSet without a selector, not served since 1.16',
  'removed-api-version kubernetes-examples/_archived/podsecuritypolicy/rbac/policies.yaml:1':
    'policy/v1beta1 PodSecurityPolicy, removed in 1.25 with no replacement',
  'removed-api-version kubernetes-examples/_archived/podsecuritypolicy/rbac/policies.yaml:26':
    'policy/v1beta1 PodSecurityPolicy, removed in 1.25 with no replacement',
  'removed-api-version kubernetes-examples/_archived/volumes/azure_disk/claim/blob-based-disk/account-specified-hdd/storageclass-account-hdd.yaml:2':
    'storage.k8s.io/v1beta1 StorageClass, not served since 1.22',
  'removed-api-version kubernetes-examples/_archived/volumes/azure_disk/claim/blob-based-disk/dedicated-hdd/storageclass-dedicated-hdd.yaml:2':
    'storage.k8s.io/v1beta1 StorageClass, not served since 1.22',
  'removed-api-version kubernetes-examples/_archived/volumes/azure_disk/claim/blob-based-disk/shared-hdd/storageclass-shared-hdd.yaml:2':
    'storage.k8s.io/v1beta1 StorageClass, not served since 1.22',
  'removed-api-version kubernetes-examples/_archived/volumes/azure_disk/claim/blob-based-disk/shared-ssd/storageclass-shared-ssd.yaml:2':
    'storage.k8s.io/v1beta1 StorageClass, not served since 1.22',
  'removed-api-version kubernetes-examples/_archived/volumes/azure_disk/claim/managed-disk/managed-hdd/storageclass-managed-hdd.yaml:2':
    'storage.k8s.io/v1beta1 StorageClass, not served since 1.22',
  'removed-api-version kubernetes-examples/_archived/volumes/azure_disk/claim/managed-disk/managed-ssd/storageclass-managed-ssd.yaml:2':
    'storage.k8s.io/v1beta1 StorageClass, not served since 1.22',
  'removed-api-version kubernetes-examples/_archived/volumes/flexvolume/deploy/ds.yaml:1':
    'extensions/v1beta1 DaemonSet without a selector, not served since 1.16',
};

/**
 * Warnings, infos and hints on the corpus, counted by severity and code. Each was read and is right for these
 * manifests (most predate preStop hooks, startup probes and PodDisruptionBudgets); a change here is a change in
 * what users see, so it is reviewed, not just re-recorded.
 */
const ADVICE: Record<string, number> = {
  // Old Deployment/StatefulSet examples with several replicas and no PodDisruptionBudget in the file.
  'info liveness-delay-use-startup': 3,
  // cassandra: terminationGracePeriodSeconds 1800 and a livenessProbe without its own grace period.
  'info liveness-kill-grace-long': 1,
  // A hint since #14: a container that crashes on its own when unhealthy needs no liveness probe (the docs say so).
  'hint liveness-probe-missing': 52,
  'info pdb-missing': 15,
  // A hint since #14, an info for several replicas behind a Service: files are analysed alone here, so only the six
  // findings whose Service sits in the same file and selects several replicas are infos (guestbook frontend and
  // redis-replica, the cockroachdb and vsphere StatefulSets).
  'hint prestop-missing': 71,
  'info prestop-missing': 6,
  'info recreate-strategy': 3,
  // `source config && /usr/sbin/nrsysmond ...`: whether the shell execs the last command depends on the shell.
  'info shell-pid1-no-exec': 4,
  // The five duplicate keys listed in the errors' neighbourhood: `selector` twice (openshift-origin), `type` twice, ...
  'warning duplicate-key': 5,
  // microservices-demo: readiness and liveness probes with the same handler and timings after defaults. An info since
  // #12: the docs allow identical probes; the same 28 findings, only the severity changed.
  'info liveness-equals-readiness': 28,
  // cockroachdb: minAvailable 67% of 3 replicas rounds up to 3, so no pod may ever be evicted.
  'warning pdb-blocks-eviction': 1,
  // Serving containers (ports declared) of Deployments/RCs/StatefulSets/DaemonSets without a readinessProbe.
  'warning readiness-probe-missing': 54,
  // `while true; do ...; done` as the container's script: the shell is PID 1 and ignores SIGTERM.
  'warning shell-pid1-no-exec': 8,
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}

describe('real-world corpus', { skip: !existsSync(CORPUS) && 'shared/corpus is not present' }, () => {
  it('analyses every file; errors are exactly those listed, other findings as counted', () => {
    const found: string[] = [];
    const advice: Record<string, number> = {};
    const files = walk(CORPUS);
    assert.ok(files.length > 100);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const p of analyse(text, RULES)) {
        if (p.severity === 'error') found.push(`${p.code} ${relative(CORPUS, file)}:${positionOf(text, p.start).line}`);
        else advice[`${p.severity} ${p.code}`] = (advice[`${p.severity} ${p.code}`] ?? 0) + 1;
      }
    }
    assert.deepEqual(found.sort(), Object.keys(ERRORS).sort());
    assert.deepEqual(Object.fromEntries(Object.entries(advice).sort()), ADVICE);
  });
});
