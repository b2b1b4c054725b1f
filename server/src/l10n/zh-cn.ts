// Simplified Chinese (zh-CN). Written as a Chinese platform engineer would say it, with the usual terms
// (就绪探针, 存活探针, 启动探针, 优雅终止, 滚动更新, Init 容器, 原生边车容器, 宽限期). Placeholders must match the
// English templates. Style: a space between Chinese and Latin text or numbers, Chinese punctuation in Chinese
// sentences, seconds written as "30 秒", field names and YAML in backticks (except in computed formulas).
import type { HoverTexts } from '../service/hover-text';
import type { Translation } from './index';

/** hover.ts passes some durations already formatted as "30 s"; say them as "30 秒". */
const zhSeconds = (v: string): string => v.replace(/^(\d+(?:\.\d+)?) s$/, '$1 秒');

const hover: HoverTexts = {
  sentenceGap: '',
  clauseJoin: '；',
  fields: {
    initContainers:
      'Init 容器在应用容器启动之前按顺序逐个运行，每个都必须运行完成。设置了 `restartPolicy: Always` 的 Init 容器是原生边车容器：按这个顺序启动，之后与应用容器一起持续运行。',
    restartPolicy:
      '在 Init 容器上设为 `Always` 即为原生边车容器（Kubernetes 1.29+）：按 Init 顺序启动，在 Pod 的整个生命周期内持续运行（退出后会被重启），并在应用容器之后停止。',
    startupProbe: '成功一次之前，存活探针和就绪探针都不会执行；连续失败 `failureThreshold` 次则重启容器。',
    readinessProbe: '决定 Pod 是否接收 Service 转发的流量，以及滚动更新时能否把它算作可用。',
    livenessProbe: '连续失败 `failureThreshold` 次时重启容器。',
    initialDelaySeconds: '容器启动后，等待多少秒才开始第一次探测。',
    periodSeconds: '探测的执行间隔。最小为 1。',
    timeoutSeconds: '单次探测的超时时间，超时即算作失败。最小为 1。',
    successThreshold: '失败之后，需要连续成功多少次才重新算作通过。存活探针和启动探针必须为 1。',
    failureThreshold: '连续失败多少次后判定探测失败：就绪探针会将 Pod 标记为未就绪，存活探针和启动探针会重启容器。',
    probeTerminationGracePeriodSeconds:
      '该探针失败、容器被杀掉时使用的宽限期，取代 Pod 的 `terminationGracePeriodSeconds`。就绪探针上不允许设置。',
    exec: '在容器内执行命令，退出码为 0 即成功。不经过 shell，除非命令里自己调用 shell。',
    httpGet: '发送 HTTP GET 请求，状态码在 200 到 399 之间即成功。',
    tcpSocket: '建立 TCP 连接，能连上即成功。',
    grpc: '按 gRPC 健康检查协议（gRPC Health Checking Protocol）探测指定端口（Kubernetes 1.24+）。',
    lifecycle: '生命周期钩子：kubelet 在容器刚启动后执行 postStart，在停止容器之前执行 preStop。',
    postStart: '容器创建后立即执行，与容器的入口命令（entrypoint）并发运行；钩子执行完之前，容器不会被标记为 Running。',
    preStop: '容器被停止时（删除、滚动更新、驱逐、探针失败），在发送 SIGTERM 之前执行。它的耗时计入宽限期。',
    sleep: '让钩子休眠 `seconds` 秒，镜像里不需要有 `sleep` 命令（Kubernetes 1.30+）。',
    terminationGracePeriodSeconds: '从开始终止（先执行 preStop，再发送 SIGTERM）到发送 SIGKILL 之间的时间。',
    resources: '请求（requests）是调度器为容器在节点上预留的资源；限制（limits）是用量上限。',
    strategy: 'Deployment 用新 Pod 替换旧 Pod 的方式：RollingUpdate（滚动更新，默认）或 Recreate（重建）。',
    rollingUpdate: '滚动更新的边界：Pod 数最多可以比期望副本数多出几个、少掉几个。',
    maxSurge: '滚动更新期间，Pod 数最多可以超出期望副本数多少个（百分比向上取整）。',
    maxUnavailable: '滚动更新期间，最多允许多少个 Pod 不可用（Deployment 的百分比向下取整）。',
    minReadySeconds: '新 Pod 就绪后需要持续多久（期间没有容器崩溃）才算作可用。',
    progressDeadlineSeconds: '滚动更新多久没有进展，Deployment 就会报告其失败（不会自动回滚）。',
    replicas: '期望的 Pod 数量。默认为 1。',
    updateStrategy: '模板变更时如何替换 Pod：RollingUpdate（滚动更新，默认）或 OnDelete（只在手动删除 Pod 时替换）。',
    partition: 'StatefulSet 滚动更新只更新序号大于等于 partition 的 Pod。',
    podManagementPolicy: 'OrderedReady（默认）：按序号逐个创建 Pod，每个都要等前一个就绪。Parallel：全部同时创建。',
    minAvailable: '只有被选中的 Pod 中至少有这么多个保持可用时，才允许驱逐（百分比向上取整）。',
    pdbMaxUnavailable: '只有被选中的 Pod 中不可用的数量不超过这个值时，才允许驱逐（百分比向上取整）。',
  },
  defaultIs: (v) => `默认值：${zhSeconds(v)}。`,
  hereIs: (v, defaulted) => (defaulted ? `当前值：${zhSeconds(v)}（默认）。` : `当前值：${zhSeconds(v)}。`),
  seconds: (n) => `${n} 秒`,
  docs: 'Kubernetes 文档',
  startupBudget: (f, total) =>
    `**最长启动时间：** initialDelaySeconds + failureThreshold × periodSeconds = ${f.delay} + ${f.failure} × ${f.period} = **${total} 秒**，超过即重启容器。`,
  readinessReady: (earliest, afterStartup) =>
    afterStartup ? `**最早就绪：** 启动探针成功后 ${earliest} 秒。` : `**最早就绪：** 容器启动后 ${earliest} 秒。`,
  readinessRemoval: (f) =>
    `**从端点中摘除：** 应用停止响应后 ${(f.failure - 1) * f.period}–${f.failure * f.period} 秒（连续失败 ${f.failure} 次，每 ${f.period} 秒探测一次，每次最多等待 ${f.timeout} 秒）。`,
  livenessRestart: (f, heldBack) =>
    `**触发重启：** 应用停止响应后 ${(f.failure - 1) * f.period}–${f.failure * f.period} 秒（连续失败 ${f.failure} 次，每 ${f.period} 秒探测一次，每次最多等待 ${f.timeout} 秒）。` +
    (heldBack ? '有启动探针：应用启动完成之前，存活探针不会执行。' : '没有启动探针：存活探针从容器启动起（initialDelaySeconds 之后）就开始执行。'),
  timelineTitle: '**优雅终止时间线**',
  timelineHeader: ['时间', '发生的事'],
  endpointsRemoved: (preStop) =>
    `Pod 进入 Terminating 状态：从 Service 端点中摘除（异步进行）${preStop ? `；开始执行 preStop（${zhSeconds(preStop)}）` : ''}`,
  preStopEnds: 'preStop 结束；向容器发送 SIGTERM',
  sigterm: '向容器发送 SIGTERM',
  sigkill: (extension) => `若仍在运行则发送 SIGKILL${extension ? '（preStop 仍在执行时，kubelet 会一次性额外宽限 2 秒）' : ''}`,
  appShutdownLeft: (s) => `应用收到 SIGTERM 后还有 **${s} 秒**完成自身的退出流程。`,
  preStopUnknown: '耗时无法在此推算',
  graceZero: '**terminationGracePeriodSeconds 为 0：** 不执行 preStop，直接 SIGKILL，应用没有任何时间退出。',
  initOrder: (lines) => `**启动顺序：**\n${lines.join('\n')}`,
  initEntry: (i, name, sidecar) => `${i}. \`${name}\`${sidecar ? '（原生边车容器：启动后持续运行）' : '（运行至完成）'}`,
  effectiveRequest: (resource, effective, init, running) =>
    `**${resource} 有效请求：** ${effective} = max(Init 容器 ${init}, 应用容器 + 边车容器 ${running})。`,
  sidecarNote: '该容器是**原生边车容器**。',
  plainInitNote: '该容器是**普通 Init 容器**：必须以退出码 0 退出，下一个容器才会启动。',
  rollout: (replicas, surge, surgePods, unavailable, unavailablePods, bumped) =>
    `共 **${replicas}** 个副本时：maxSurge ${surge} → **${surgePods}** 个 Pod（向上取整），maxUnavailable ${unavailable} → **${unavailablePods}** 个 Pod（向下取整${bumped ? '；两者都为 0 时，Kubernetes 会把 maxUnavailable 按 1 处理' : ''}）。`,
  rolloutBounds: (maxTotal, minAvailable) => `滚动更新期间：**总数最多 ${maxTotal} 个 Pod**，**至少 ${minAvailable} 个可用**。`,
  daemonSetRollout: (surge, unavailable) =>
    `逐个节点滚动，每一步：maxSurge ${surge}，maxUnavailable ${unavailable}（百分比按节点数计算，向上取整）。maxSurge 为 0 时，先删除节点上的旧 Pod，再启动新 Pod。`,
  recreate: '**Recreate：** 所有旧 Pod 都停止后才启动新 Pod，每次更新都会有停机时间。',
  minReady: (s) => `新 Pod 就绪 ${s} 秒后才算作可用；滚动更新对每个 Pod 都要等这么久。`,
  progressDeadline: (s, minReady) =>
    `滚动更新连续 ${s} 秒没有进展即报告失败（Progressing=False）；该值必须大于 minReadySeconds（${minReady} 秒）。`,
  partition: (p, r) =>
    p >= r
      ? `partition 为 ${p}，副本数为 ${r}：**不会更新任何 Pod**。`
      : `partition 为 ${p}，副本数为 ${r}：序号 ${p}…${r - 1} 的 Pod 会被更新，序号 0…${Math.max(0, p - 1)} 的 Pod 保持旧版本。`,
  statefulSetMaxUnavailable: (v, state) =>
    state === 'on'
      ? `Kubernetes ${v} 会遵循 maxUnavailable（MaxUnavailableStatefulSet 特性门控默认开启）。`
      : state === 'patch'
        ? `在 Kubernetes ${v} 中取决于补丁版本：MaxUnavailableStatefulSet 特性门控在 1.35.0–1.35.3 默认开启，从 1.35.4 起默认关闭，此时该字段被忽略，Pod 逐个更新。`
        : `在 Kubernetes ${v} 中 MaxUnavailableStatefulSet 特性门控默认关闭：该字段被忽略，Pod 逐个更新。`,
  pdb: (workload, replicas, healthy, allowed) =>
    `选中了 ${workload}（${replicas} 个副本）：至少 **${healthy}** 个必须保持可用，因此同一时间最多只能驱逐 **${allowed}** 个 Pod${allowed === 0 ? '——节点排空（drain）会一直卡住' : ''}。`,
  pdbNoWorkload: '本文件中没有与该选择器匹配的工作负载；具体数字取决于它实际选中的 Pod。',
};

export const ZH_CN: Translation = {
  messages: {
    'duplicate-container-name.duplicate':
      '容器名 "{name}" 已被 {first} 使用；容器名在 `initContainers`、`containers` 和 `ephemeralContainers` 之间必须唯一。',
    'init-container-lifecycle.lifecycle':
      'Init 容器 "{container}" 不允许设置 `lifecycle`：只有原生边车容器（`restartPolicy: Always`）才能配置生命周期钩子，API Server 会拒绝这个 Pod。',
    'init-container-never-exits.neverExits':
      'Init 容器 "{container}" 永远不会退出（{reason}）：Init 容器必须运行完成，应用容器才会启动，所以这个 Pod 永远无法就绪。如果它需要与应用一起运行，请改为原生边车容器（`restartPolicy: Always`）。',
    'init-container-probe.probe':
      'Init 容器 "{container}" 不允许设置 `{probe}`：只有原生边车容器（`restartPolicy: Always`）才能配置探针，API Server 会拒绝这个 Pod。',
    'init-container-restart-policy.initOnlyAlways':
      'Init 容器 "{container}" 的 `restartPolicy` 为 "{value}"：Kubernetes {version} 在这里只接受 "Always"（即原生边车容器）；其他容器级重启策略需要 1.{since} 及以上版本。',
    'init-container-restart-policy.invalidValue': '容器 "{container}" 的 `restartPolicy` 值 "{value}" 无效，只能是 Always、OnFailure 或 Never。',
    'init-container-restart-policy.appNotAllowed':
      '应用容器 "{container}" 设置了 `restartPolicy`，而 Kubernetes {version} 不允许在非 Init 容器上设置该字段（容器重启规则需要 1.{since} 及以上版本）。请改为设置 Pod 级的 `restartPolicy`。',
    'init-failure-fails-pod.failsPod':
      'Pod 的 `restartPolicy` 为 Never：Init 容器 "{container}" 只要失败一次，整个 Pod 就会失败，而不会重试该 Init 容器。',
    'init-failure-fails-pod.containerNever': 'Init 容器 "{container}" 的 `restartPolicy` 为 Never：只要失败一次，整个 Pod 就会失败，而不会重试。',
    'init-resources-dominate.dominates':
      'Init 容器 "{container}" 决定了 Pod 的有效 {resource} 请求：初始化阶段为 {init}，而应用容器和边车容器合计为 {running}，因此调度器会在 Pod 的整个生命周期内预留 {init}。',
    'sidecar-no-startup-probe.noStartupProbe':
      '原生边车容器 "{container}" 暴露了端口 {port}，但没有配置启动探针：它一启动，后面的容器就会跟着启动，此时它可能还没开始监听。',
    'sidecar-unsupported-version.unsupported':
      'Init 容器 "{container}" 是原生边车容器（`restartPolicy: Always`），需要 Kubernetes 1.{since} 及以上版本；在目标版本 {version} 上 API Server 会丢弃 `restartPolicy`，它会作为普通 Init 容器运行，必须退出后应用容器才会启动。',
  },
  docs: {
    'duplicate-container-name': {
      summary: 'Pod 中有两个容器同名（在 `initContainers`、`containers` 和 `ephemeralContainers` 之间）。',
      why:
        'kubelet、日志、`kubectl exec -c` 和容器状态都靠容器名来区分容器，因此容器名在 Pod 内的这三个列表之间必须唯一；' +
        '出现重名时，API Server 会以 "Duplicate value" 拒绝。',
    },
    'init-container-lifecycle': {
      summary: '普通 Init 容器（未设置 `restartPolicy: Always`）声明了 `lifecycle` 钩子。',
      why:
        '普通 Init 容器在应用启动前运行至完成，运行期间 kubelet 不会停止它，preStop 钩子根本没有执行的机会；' +
        'API Server 会拒绝该 Pod（"may not be set for init containers without restartPolicy=Always"）。原生边车容器可以配置生命周期钩子。',
    },
    'init-container-never-exits': {
      summary: '普通 Init 容器运行的命令永远不会退出（`sleep infinity`、`tail -f`、无限的 `while true` 循环）。',
      why:
        'Init 容器按顺序逐个运行，每个都必须完成，下一个（最后是应用容器）才会启动。永不退出的 Init 容器会让 Pod 一直停在 ' +
        '`Init:0/1`，滚动更新也永远推进不了。如果它本来就要与应用一起运行，应改为设置了 `restartPolicy: Always` 的原生边车容器（Kubernetes 1.29+）。',
    },
    'init-container-probe': {
      summary: '普通 Init 容器（未设置 `restartPolicy: Always`）声明了 `livenessProbe`、`readinessProbe` 或 `startupProbe`。',
      why:
        '普通 Init 容器在应用启动前按顺序逐个运行至完成，没有什么需要探测的。API Server 会拒绝整个 Pod（或以它为模板的 Deployment），' +
        '报错 "must not be set for init containers"。只有原生边车容器（设置了 `restartPolicy: Always` 的 Init 容器，Kubernetes 1.29+）才能配置探针。',
    },
    'init-container-restart-policy': {
      summary: 'Init 容器的 `restartPolicy` 不是 `Always`，或者应用容器设置了 `restartPolicy`，而目标 Kubernetes 版本不允许。',
      why:
        '在容器重启规则（ContainerRestartRules，1.35 起默认开启）之前，Init 容器的 `restartPolicy` 只接受 `Always`，' +
        '也就是把它变成原生边车容器；应用容器则根本不能设置该字段。API Server 会拒绝这个 Pod。',
    },
    'init-failure-fails-pod': {
      summary:
        'Pod 的 `restartPolicy` 为 `Never`（或者从 Kubernetes 1.35 起，Init 容器自身的 `restartPolicy` 为 `Never`），且 Pod 中有普通 Init 容器。',
      why:
        'Init 容器失败后通常会被重启（带退避）直到成功。而在 `restartPolicy: Never` 下，Kubernetes 会直接判定整个 Pod 失败：' +
        '迁移脚本或 wait-for 脚本的一次偶发错误就会让 Pod 结束，Job 只能重新创建一个 Pod（计入 `backoffLimit`）。',
    },
    'init-resources-dominate': {
      summary: 'Init 容器的资源请求大于应用容器和边车容器的请求之和，因此由它决定 Pod 的有效请求。',
      why:
        '调度器在 Pod 的整个生命周期内预留的资源取两者中的较大值：最大的 Init 容器加上在它之前启动的边车容器，或者所有应用容器与边车容器之和。' +
        '给一个很快就结束的迁移步骤设置过大的请求，这部分容量在步骤结束后仍会一直被占着，集群资源紧张时还可能让 Pod 卡在 Pending。',
    },
    'sidecar-no-startup-probe': {
      summary: '原生边车容器声明了端口，但没有配置 `startupProbe`。',
      why:
        '原生边车容器一启动（配置了启动探针时，则是启动探针成功后），kubelet 就会启动下一个 Init 容器，最后启动应用容器。' +
        '没有启动探针时，应用可能已经启动，并开始通过代理或向本地服务发请求，而对方还没开始监听。',
    },
    'sidecar-unsupported-version': {
      summary: 'Init 容器设置了 `restartPolicy: Always`（即原生边车容器），但目标 Kubernetes 版本低于 1.29。',
      why:
        '原生边车容器依赖 SidecarContainers 特性：1.28 为 alpha 且默认关闭，1.29 起默认开启（beta），1.33 GA。' +
        '在更老的集群上，API Server 会静默丢弃该字段（pkg/api/pod/util.go 中的 dropDisabledFields），边车容器会作为普通 Init 容器运行：如果它永不退出，Pod 就永远启动不起来。',
    },
  },
  engine: {
    yamlSyntax: 'YAML 语法错误：{message}',
    duplicateKey: '重复的键 "{key}"：启用严格字段校验时（kubectl 默认启用）API Server 会拒绝该对象；不启用时，其中一个值会被静默丢弃。',
    fileTooLarge: '文件超过 {size} MiB，kube-graceful 不做分析（设置项 `kubeGraceful.maxFileSize`）。',
  },
  actions: {},
  hover,
};
