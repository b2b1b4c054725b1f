// A port name that is not a valid IANA service name: in a container's ports, or as the port of a probe or hook handler.
import { isScalar, Node } from 'yaml';
import { definesAnchor } from '../yaml/edits';
import { declaredPorts, handlerPorts, portNameProblems, probesAllowed, valueNode } from '../k8s/probes';
import type { Fix, Rule, RuleContext } from '../engine/rule';
import type { Field } from '../yaml/view';

export const rule: Rule = {
  meta: {
    id: 'invalid-port-name',
    severity: 'error',
    fixable: true,
    docs: {
      summary:
        'A port name (a container port\'s `name`, or a string `port` of an httpGet or tcpSocket probe or hook) is not a valid IANA service name, for example a quoted number such as "8080".',
      why:
        'Port names must be 1–15 characters of lowercase letters, digits and "-", with at least one letter, no leading or trailing "-" and no "--". ' +
        'The API server rejects the pod (and the Deployment, DaemonSet, … that templates it; a StatefulSet only from 1.34, before which it is accepted and its pods fail to be created) otherwise. A quoted number is the usual slip: ' +
        '`port: "8080"` is a string, so it is read as a name, and "8080" has no letter.',
      bad: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: example/web:1.0
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet: {path: /ready, port: "8080"}
`,
      good: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: example/web:1.0
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet: {path: /ready, port: 8080}
`,
      level: 'An error: the API server rejects the object, so the apply fails.',
      url: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
      sources: [
        "kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForStatefulSet: the template's pod spec is validated only from 1.34 (kubernetes#131790); before, the controller reports FailedCreate (kubernetes#81147).",
        'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidPortName: at most 15 characters, only [-a-z0-9], at least one letter [a-z], no "--", no leading or trailing "-".',
        'kubernetes/kubernetes pkg/apis/core/validation/validation.go: validateContainerPorts checks every non-empty ports[].name; ValidatePortNumOrName checks string ports of httpGet and tcpSocket handlers (probes and lifecycle hooks, through validateHandler).',
      ],
      fixSafety: 'Writing a quoted number as a number is what was meant and is safe. Other invalid names are not changed.',
    },
    messages: {
      quotedNumber:
        'port "{name}" of {where} is a quoted number. A string is read as a port name, and a name needs a letter: the API server rejects the pod. Write the number without quotes.',
      invalid: 'port name "{name}" of {where} is not valid. The API server rejects the pod: {problems}.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec) return;
    for (const c of spec.containers) {
      // Ephemeral containers may not declare ports at all, which is a different error.
      if (c.role === 'ephemeral') continue;
      for (const port of declaredPorts(c) ?? []) {
        // An empty name is no name; a number there is a type error, not a name problem.
        if (!port.nameField || port.name === undefined || port.name === '') continue;
        const problems = portNameProblems(port.name, ctx.locale);
        if (problems.length === 0) continue;
        // A port's name must be a string: it cannot be fixed by writing a number.
        ctx.report({
          at: valueNode(port.nameField),
          messageId: 'invalid',
          data: { name: port.name, where: ctx.say({ en: 'ports', 'zh-cn': '`ports`' }), problems: problems.join(ctx.say({ en: '; ', 'zh-cn': '；' })) },
        });
      }
      // Probes and hooks of plain init containers are rejected as a whole (init-container-probe, init-container-lifecycle).
      if (!probesAllowed(c)) continue;
      for (const hp of handlerPorts(c)) {
        // grpc.port is an int32; a string there is a decoding error, not a name.
        if (hp.handler === 'grpc' || typeof hp.value !== 'string') continue;
        const problems = portNameProblems(hp.value, ctx.locale);
        if (problems.length === 0) continue;
        const owner = hp.owner === 'postStart' || hp.owner === 'preStop' ? `lifecycle.${hp.owner}` : hp.owner;
        const where = ctx.say({ en: `${owner}.${hp.handler}`, 'zh-cn': `\`${owner}.${hp.handler}\`` });
        const n = /^[0-9]+$/.test(hp.value) ? Number(hp.value) : undefined;
        if (n !== undefined && n >= 1 && n <= 65535) {
          ctx.report({ at: valueNode(hp.field), messageId: 'quotedNumber', data: { name: hp.value, where }, fixes: unquote(hp.field, n, ctx) });
        } else {
          ctx.report({
            at: valueNode(hp.field),
            messageId: 'invalid',
            data: { name: hp.value, where, problems: problems.join(ctx.say({ en: '; ', 'zh-cn': '；' })) },
          });
        }
      }
    }
  },
};

function unquote(f: Field, n: number, ctx: RuleContext): Fix[] {
  const raw: Node | null = f.rawValue;
  // Only the text written here is edited: a merged or anchored value may be shared with other handlers.
  // An explicit tag (`!!str 8080`) would keep the value a string, so it is left to the user too.
  if (f.mergedVia || !raw || !isScalar(raw) || definesAnchor(raw) || raw.tag || !raw.range) return [];
  const title = ctx.say({ en: `Write port ${n} as a number`, 'zh-cn': `将端口 ${n} 写成数字（去掉引号）` });
  return [{ title, changes: [{ start: raw.range[0], end: raw.range[1], newText: String(n) }], isPreferred: true, safe: true }];
}
