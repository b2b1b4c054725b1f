// A native sidecar whose preStop pause, added to the app's, does not fit in the grace period: the sidecar gets SIGTERM
// only after the app has exited, so it is left with less time than its hook asks for.
import type { Rule } from '../engine/rule';
import { Container, containerLabel } from '../k8s/model';
import { gracePeriod, preStopSleep } from '../k8s/termination';
import { supports } from '../k8s/versions';

export const rule: Rule = {
  meta: {
    id: 'sidecar-shutdown-budget',
    severity: 'warning',
    docs: {
      summary: "A native sidecar's preStop pause plus the longest preStop pause of the app containers exceeds terminationGracePeriodSeconds (default 30 s).",
      why:
        "When a pod with native sidecars terminates, the kubelet runs every preStop hook at once, the sidecars' included, and then holds back " +
        "the sidecars' SIGTERM until every app container has exited; sidecars then stop in reverse order. The whole sequence shares one " +
        'grace period. A sidecar that pauses in its preStop is usually meant to outlive the app by that much (a proxy draining connections, ' +
        "a log shipper flushing), but it receives SIGTERM only after the app's own preStop pause and shutdown, so it has at most what the " +
        'app left over. When the two pauses add up to more than the grace period, that is less than its own pause provides for: it is killed ' +
        'while it may still be draining (at worst with the 2 s minimum, or with everything else when the grace period runs out), and the ' +
        "app's last requests or logs can be lost.",
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
      initContainers:
        - name: proxy
          image: example/proxy:1.0
          restartPolicy: Always
          lifecycle:
            preStop:
              sleep: {seconds: 10}
      containers:
        - name: web
          image: example/web:1.0
          lifecycle:
            preStop:
              sleep: {seconds: 25}
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
      terminationGracePeriodSeconds: 45
      initContainers:
        - name: proxy
          image: example/proxy:1.0
          restartPolicy: Always
          lifecycle:
            preStop:
              sleep: {seconds: 10}
      containers:
        - name: web
          image: example/web:1.0
          lifecycle:
            preStop:
              sleep: {seconds: 25}
`,
      level: 'A warning: the sidecar is killed before its own preStop ends, on every shutdown, which cuts the traffic it carries for the app.',
      url: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#termination-with-sidecars',
      sources: [
        'kubernetes.io concepts/workloads/pods/pod-lifecycle "Termination with sidecars": the kubelet "postpones terminating sidecar containers until the main application container has fully stopped", then stops them in the opposite order; "slow termination of a main container will also delay the termination of the sidecar containers. If the grace period expires before the termination process is complete, the Pod may enter forced termination. In this case, all remaining containers in the Pod are terminated simultaneously with a short grace period."',
        'kubernetes/kubernetes pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer: every container (sidecars too) first runs its preStop hook, deducted from its grace period; a sidecar then waits for its turn (ordering.waitForTurn: after the app containers and the later sidecars have exited), deducted too; what is left, at least minimumGracePeriodInSeconds (2), goes to StopContainer with SIGTERM.',
        'kubernetes/enhancements KEP-753 (native sidecars) "Termination of containers": sidecar preStop hooks run "at the same time as regular containers"; once the last main container terminates, sidecars get SIGTERM in reverse order; when the grace period expires, the remaining containers get a fixed 2 s. See docs/research/k8s-facts.md section 19.',
      ],
    },
    messages: {
      budget:
        'sidecar and app preStop pauses ({sum} s) exceed the grace period. The grace period is {grace}; sidecar "{sidecar}" pauses {sidecarSleep} s in its preStop and "{app}" pauses {appSleep} s. The kubelet runs both hooks at once and sends "{sidecar}" SIGTERM only after "{app}" has exited, so once the app is gone the sidecar has at most {left} s before SIGKILL, less than the {sidecarSleep} s its preStop provides for.',
    },
  },
  check(obj, ctx) {
    const spec = obj.podSpec;
    if (!spec || !supports(ctx.version, 'nativeSidecars')) return;
    // Knative sets the grace period itself and drains through its queue-proxy.
    if (spec.workload?.traits?.managedPodFields?.includes('terminationGracePeriodSeconds')) return;
    const grace = gracePeriod(spec);
    // A grace period of 0 (or a negative one, taken as 1) skips the hooks; termination-grace-zero reports it.
    if (grace.seconds <= 1) return;
    let app: { c: Container; seconds: number } | undefined;
    for (const c of spec.containers) {
      if (c.role !== 'app') continue;
      const s = preStopSleep(c);
      if (s && (!app || s.seconds > app.seconds)) app = { c, seconds: s.seconds };
    }
    // A pause that alone reaches the grace period is prestop-exceeds-grace's finding.
    if (!app || app.seconds <= 0 || app.seconds >= grace.seconds) return;
    for (const c of spec.containers) {
      if (!c.isSidecar) continue;
      const s = preStopSleep(c);
      if (!s || s.seconds <= 0 || s.seconds >= grace.seconds || app.seconds + s.seconds <= grace.seconds) continue;
      const left = grace.seconds - app.seconds;
      ctx.report({
        at: s.node,
        messageId: 'budget',
        data: {
          sidecar: containerLabel(c),
          sidecarSleep: s.seconds,
          app: containerLabel(app.c),
          appSleep: app.seconds,
          sum: app.seconds + s.seconds,
          grace: ctx.say(
            grace.explicit
              ? { en: `${grace.seconds} s`, 'zh-cn': `${grace.seconds} 秒` }
              : { en: `${grace.seconds} s, the default`, 'zh-cn': `${grace.seconds} 秒，默认值` },
          ),
          left,
        },
      });
    }
  },
};
