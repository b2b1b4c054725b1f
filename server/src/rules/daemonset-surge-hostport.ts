// A DaemonSet surge update for pods that hold a host port or use the node's network: the new pod cannot start next to the old one.
import { isScalar } from 'yaml';
import type { Fix, Rule } from '../engine/rule';
import { containerLabel, isBuiltin } from '../k8s/model';
import { DAEMONSET_SURGE_SINCE, editableMap, formatRaw, hostPortUse, readIntOrPercent, setField, strategyOf, validationNumber } from '../k8s/rollout';

export const rule: Rule = {
  meta: {
    id: 'daemonset-surge-hostport',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        'A DaemonSet rolling update with maxSurge above 0 while its pods use a hostPort or hostNetwork with container ports (error), or hostNetwork without declared ports (warning).',
      why:
        'With maxSurge the DaemonSet controller starts the new pod on a node while the old one is still running there. A host port can ' +
        'be held by only one pod per node, so the scheduler cannot place the new pod ("node(s) didn\'t have free ports for the requested ' +
        'pod ports"): it stays Pending, the old pod is never replaced and the rollout stalls on every node. With `hostNetwork: true` each ' +
        'container port is a host port. The API server does not reject the combination, although the DaemonSet surge design (KEP-1591) ' +
        'names it as the most common conflict. A hostNetwork pod that declares no ports is scheduled, but when it listens on a port of the ' +
        'node it fails to bind ("address already in use") while the old pod runs, and crash-loops: the rollout stalls all the same.',
      bad: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  updateStrategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      containers:
        - name: exporter
          image: example/node-exporter:1.0
          ports:
            - containerPort: 9100
              hostPort: 9100
`,
      good: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  updateStrategy:
    rollingUpdate:
      maxSurge: 0
      maxUnavailable: 1
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      containers:
        - name: exporter
          image: example/node-exporter:1.0
          ports:
            - containerPort: 9100
              hostPort: 9100
`,
      appliesTo: 'Built-in apps/v1 DaemonSets only.',
      level:
        'An error although the API server accepts it: with a host port the rollout stalls on every node for certain. The hostNetwork case without declared ports is a warning, since it stalls only if the pod listens on a node port.',
      url: 'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/',
      sources: [
        'kubernetes/enhancements keps/sig-apps/1591-daemonset-surge/README.md: "The most common conflict is use of HostPort within the pod spec across two versions, which would prevent the second pod from landing and the rollout from proceeding."; the same section notes that a hostNetwork pod without declared ports is scheduled and then fails to bind, crash-looping.',
        'kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeports/node_ports.go: the NodePorts filter rejects a node where a container port\'s hostPort is already used ("node(s) didn\'t have free ports for the requested pod ports"); it counts app containers.',
        'kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateRollingUpdateDaemonSet has no hostPort check; pkg/apis/core/v1/defaults.go defaultHostNetworkPorts sets hostPort = containerPort for hostNetwork pods. See docs/research/k8s-facts.md section 10.',
        'DaemonSetUpdateSurge feature gate: alpha 1.21, beta (on) 1.22, GA 1.25.',
      ],
      fixSafety:
        'maxSurge 0 / maxUnavailable 1 stops the old pod on one node at a time before starting the new one: each node is without the pod for a moment, which is what a host port forces anyway.',
    },
    messages: {
      hostPort:
        'maxSurge {surge} stalls the rollout: container "{container}" holds host port {port}{via}. The new pod on each node starts while the old one still runs and cannot be scheduled beside it.',
      hostNetwork:
        'maxSurge {surge} with hostNetwork may stall the rollout. The new pod on each node starts while the old one still runs and shares the node\'s network (`hostNetwork: true`): if it listens on a port, it cannot bind it ("address already in use") and crash-loops.',
    },
  },
  check(obj, ctx) {
    if (!isBuiltin(obj, 'DaemonSet') || obj.apiVersion !== 'apps/v1' || ctx.version.minor < DAEMONSET_SURGE_SINCE) return;
    const spec = obj.podSpec;
    if (!spec) return;
    const { view } = obj;
    const strategy = strategyOf(obj, 'updateStrategy');
    if (!strategy || strategy.type !== 'RollingUpdate') return;
    const surgeF = readIntOrPercent(view, strategy.rollingUpdate, 'maxSurge');
    const unavailableF = readIntOrPercent(view, strategy.rollingUpdate, 'maxUnavailable');
    if (!surgeF || surgeF.raw === undefined || !surgeF.parsed || surgeF.parsed.value <= 0) return;
    // With maxUnavailable non-zero (its default is 1) the API server rejects the DaemonSet first:
    // rolling-update-zero-surge-and-unavailable reports that.
    if (!unavailableF || validationNumber(unavailableF.raw) !== 0) return;
    const use = hostPortUse(spec);
    const hostNetwork = view.resolve(view.field(spec.map, 'hostNetwork')?.value);
    const onHostNetwork = isScalar(hostNetwork) && hostNetwork.value === true;
    if (!use && !onHostNetwork) return;
    const fixes: Fix[] = [];
    const ru = editableMap(view, strategy.rollingUpdateField);
    const surgeChange = ru && setField(view, ru, 'maxSurge', '0', ctx.eol);
    const unavailableChange = ru && setField(view, ru, 'maxUnavailable', '1', ctx.eol);
    if (surgeChange && unavailableChange) {
      fixes.push({
        title: ctx.say({
          en: 'Set maxSurge: 0 and maxUnavailable: 1 (replace the pod on each node in place)',
          'zh-cn': '将 `maxSurge` 设为 0、`maxUnavailable` 设为 1（在每个节点上原地替换 Pod）',
        }),
        changes: [...surgeChange, ...unavailableChange],
        isPreferred: true,
      });
    }
    if (!use) {
      // Nothing is declared, so the scheduler lets the new pod in; whether it clashes depends on what it listens on.
      ctx.report({ at: surgeF.node, messageId: 'hostNetwork', severity: 'warning', data: { surge: formatRaw(surgeF.raw) }, fixes });
      return;
    }
    ctx.report({
      at: surgeF.node,
      messageId: 'hostPort',
      data: {
        surge: formatRaw(surgeF.raw),
        container: containerLabel(use.container),
        port: use.port,
        via: use.hostNetwork ? ctx.say({ en: ' (hostNetwork)', 'zh-cn': '（hostNetwork）' }) : '',
      },
      fixes,
    });
  },
};
