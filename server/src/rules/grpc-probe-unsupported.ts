// A gRPC probe on a target Kubernetes version that does not run gRPC probes by default (before 1.24).
import { containerLabel } from '../k8s/model';
import { keyNode, PROBE_KINDS, probesAllowed } from '../k8s/probes';
import type { Rule } from '../engine/rule';
import { FEATURES, formatVersion, supports } from '../k8s/versions';

export const rule: Rule = {
  meta: {
    id: 'grpc-probe-unsupported',
    severity: 'error',
    docs: {
      summary: 'A probe uses the `grpc` handler, but the target Kubernetes version is older than 1.24, where gRPC probes became available by default.',
      why:
        'gRPC probes (GRPCContainerProbe) were alpha and off by default in 1.23 and did not exist before; they are on by default from 1.24 (GA in 1.27). ' +
        'On an older cluster the `grpc` field is not known or is disabled, so the probe is left without a working handler: the API server rejects it ' +
        '("must specify a handler type"), or the kubelet fails every check ("missing probe handler"), which for a liveness probe means endless restarts.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: app
          image: example/api:1.0
          ports:
            - containerPort: 9090
          readinessProbe:
            grpc: {port: 9090}
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: app
          image: example/api:1.0
          ports:
            - containerPort: 9090
          readinessProbe:
            exec: {command: ["/bin/grpc_health_probe", "-addr=:9090"]}
`,
      exampleVersion: '1.23',
      level: 'An error: on that version the probe is left without a working handler, so it never does its job.',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-a-grpc-liveness-probe',
      sources: [
        'GRPCContainerProbe feature gate: alpha 1.23 (off), beta 1.24 (on), GA 1.27 (KEP-2727; docs/research/k8s-facts.md sections 0 and 6).',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go validateHandler: a probe with no handler is rejected with "must specify a handler type"; the 1.23 kubelet (pkg/kubelet/prober/prober.go) runs a grpc probe only with the gate on, else "missing probe handler".',
        'Whether the 1.23 API server drops the disabled field before validation was not re-read (docs/research/k8s-facts.md section 6): either way the probe does not work.',
      ],
    },
    messages: {
      unsupported:
        '{probe} uses gRPC, which Kubernetes {version} does not run. gRPC probes are on by default from 1.{since}: the probe is left without a working handler.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || supports(ctx.version, 'grpcProbe')) return;
    const { view } = obj;
    for (const c of spec.containers) {
      if (!probesAllowed(c)) continue;
      for (const kind of PROBE_KINDS) {
        const grpc = view.field(view.field(c.map, kind)?.value, 'grpc');
        // `grpc:` with no value is null: not set.
        if (!grpc || view.isEmpty(grpc.value)) continue;
        ctx.report({
          at: keyNode(grpc),
          messageId: 'unsupported',
          data: { probe: kind, container: containerLabel(c), version: formatVersion(ctx.version), since: FEATURES.grpcProbe },
        });
      }
    }
  },
};
