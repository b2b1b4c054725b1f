// Simplified Chinese (zh-CN). Written as a Chinese platform engineer would say it, with the usual terms
// (就绪探针, 存活探针, 启动探针, 优雅终止, 滚动更新, Init 容器, 原生边车容器, 宽限期). Placeholders must match the
// English templates. Style: a space between Chinese and Latin text or numbers, Chinese punctuation in Chinese
// sentences, seconds written as "30 秒", field names and YAML in backticks (except in computed formulas).
import type { HoverTexts } from './hover-text';
import type { LifecycleTexts } from './lifecycle-text';
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
    probeTerminationGracePeriodSeconds: '该探针失败、容器被杀掉时使用的宽限期，取代 Pod 的 `terminationGracePeriodSeconds`。就绪探针上不允许设置。',
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
    podResources:
      'Pod 级的请求和限制（Kubernetes 1.34+，Beta）：由所有容器共享的资源预算。设置了 CPU 或内存时，调度时会用它取代各容器之和，并由它决定 QoS 类别。',
    strategy: 'Deployment 用新 Pod 替换旧 Pod 的方式：RollingUpdate（滚动更新，默认）或 Recreate（重建）。',
    rollingUpdate: '滚动更新的边界：Pod 数最多可以比期望副本数多出几个、少掉几个。',
    maxSurge: '滚动更新期间，Pod 数最多可以超出期望副本数多少个（百分比向上取整）。',
    maxUnavailable: '滚动更新期间，最多允许多少个 Pod 不可用（Deployment 的百分比向下取整）。',
    minReadySeconds: '新 Pod 就绪后需要持续多久（期间没有容器崩溃）才算作可用。',
    progressDeadlineSeconds: '滚动更新多久没有进展，Deployment 就会报告其失败（不会自动回滚）。',
    replicas: '期望的 Pod 数量。默认为 1。',
    updateStrategy: '模板变更时如何替换 Pod：RollingUpdate（滚动更新，默认）或 OnDelete（只在手动删除 Pod 时替换）。',
    partition: 'StatefulSet 滚动更新只更新序号大于等于 partition 的 Pod。',
    scaleDownDelaySeconds: '蓝绿发布：活跃 Service 切换到新的 ReplicaSet 之后，旧 ReplicaSet 还要继续运行多久才被缩容。',
    previewReplicaCount: '蓝绿发布：提升之前新的（预览）ReplicaSet 运行多少个 Pod。提升时先扩容到 `replicas`，再把活跃 Service 切换过去。',
    cloneSetPartition: '更新期间 CloneSet 中保持旧版本的 Pod 个数（整数，或按副本数计算的百分比，向上取整）。',
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
  readinessReady: (f, afterStartup) =>
    afterStartup
      ? `**最早就绪：** 启动探针成功之后，且不早于容器启动后 ${f.delay + (f.success - 1) * f.period} 秒` +
        (f.success > 1 ? `（两者中较晚的时刻之后，还需每 ${f.period} 秒一次、连续成功 ${f.success} 次）` : '') +
        '。initialDelaySeconds 从容器启动时起算，与启动探针同时计时，而不是从启动探针成功时起算。'
      : `**最早就绪：** 容器启动后 ${f.delay + (f.success - 1) * f.period} 秒。`,
  readinessRemoval: (f) =>
    `**从端点中摘除：** 应用停止响应后 ${(f.failure - 1) * f.period}–${f.failure * f.period} 秒（连续失败 ${f.failure} 次，每 ${f.period} 秒探测一次，每次最多等待 ${f.timeout} 秒）。`,
  livenessRestart: (f, heldBack) =>
    `**触发重启：** 应用停止响应后 ${(f.failure - 1) * f.period}–${f.failure * f.period} 秒（连续失败 ${f.failure} 次，每 ${f.period} 秒探测一次，每次最多等待 ${f.timeout} 秒）。` +
    (heldBack ? '有启动探针：应用启动完成之前，存活探针不会执行。' : '没有启动探针：存活探针从容器启动起（initialDelaySeconds 之后）就开始执行。'),
  timelineTitle: '**优雅终止时间线**',
  timelineHeader: ['时间', '发生的事'],
  endpointsRemoved: (preStop) =>
    `Pod 进入 Terminating 状态：它的端点被标记为未就绪，Service 不再向它转发新连接（异步进行）${preStop ? `；开始执行 preStop（${zhSeconds(preStop)}）` : ''}`,
  preStopEnds: 'preStop 结束；向容器发送 SIGTERM',
  preStopCutOff: 'preStop 仍在执行时宽限期已耗尽：kubelet 不再等待它；向容器发送 SIGTERM',
  sigterm: '向容器发送 SIGTERM',
  sigkill: (note, latest) =>
    note === 'floor'
      ? '若仍在运行则发送 SIGKILL（宽限期只剩不到 2 秒：kubelet 总会在 SIGTERM 之后至少留出 2 秒）'
      : note === 'preStopRunning'
        ? `若仍在运行则发送 SIGKILL；如果此刻 preStop 仍在执行，则此刻才发送 SIGTERM，到 ${latest ?? '?'} 秒时发送 SIGKILL（kubelet 总会在 SIGTERM 之后至少留出 2 秒）`
        : '若仍在运行则发送 SIGKILL',
  sleepRejected: (sleep, grace) =>
    `**无法给出终止时间线：** preStop 的 \`sleep\` 动作持续 ${sleep} 秒，超过了 terminationGracePeriodSeconds（${grace} 秒），API Server 会拒绝这个 Pod（"must be non-negative and less than terminationGracePeriodSeconds"）。`,
  appShutdownLeft: (s) => `应用收到 SIGTERM 后还有 **${s} 秒**完成自身的退出流程。`,
  preStopUnknown: '耗时无法在此推算',
  graceZero:
    '**terminationGracePeriodSeconds 为 0：** Pod 会像强制删除一样立即从 API 中移除，旧容器停止之前替代 Pod 就可能已经启动。在节点上 kubelet 仍按最少 1 秒处理：preStop 最多执行 1 秒，随后发送 SIGTERM，再过 2 秒发送 SIGKILL，容器约 3 秒内全部停止。',
  initOrder: (lines) => `**启动顺序：**\n${lines.join('\n')}`,
  initEntry: (i, name, sidecar) => `${i}. \`${name}\`${sidecar ? '（原生边车容器：启动后持续运行）' : '（运行至完成）'}`,
  effectiveRequest: (resource, effective, init, running, overhead) =>
    `**${resource} 有效请求：** ${effective} = max(Init 容器 ${init}, 应用容器 + 边车容器 ${running})${overhead ? ` + Pod 开销 ${overhead}` : ''}。`,
  podLevelRequest: (resource, effective, podLevel, containers, overhead) =>
    `**${resource} 有效请求：** ${effective} = Pod 级请求 ${podLevel}${overhead ? ` + Pod 开销 ${overhead}` : ''}；它取代了各容器合计所需的量（${containers}）。`,
  sidecarNote: '该容器是**原生边车容器**。',
  initCannotHave: (field) =>
    `普通 Init 容器不能设置 \`${field}\`：API 服务器会拒绝该 Pod（只有原生边车容器，即设置了 \`restartPolicy: Always\` 的 Init 容器才可以）。它会先运行到结束，下一个容器才启动，所以这里的设置永远不会生效。`,
  sidecarNotYet: (v) =>
    `目标版本 Kubernetes ${v} 默认未启用原生边车容器（1.29 起才启用）：API 服务器不会保留 \`restartPolicy: Always\`，因此该容器作为**普通 Init 容器**运行，必须以退出码 0 退出，下一个容器才会启动。`,
  plainInitNote: '该容器是**普通 Init 容器**：必须以退出码 0 退出，下一个容器才会启动。',
  rollout: (replicas, surge, surgePods, unavailable, unavailablePods, bumped) =>
    `共 **${replicas}** 个副本时：maxSurge ${surge} → **${surgePods}** 个 Pod（向上取整），maxUnavailable ${unavailable} → **${unavailablePods}** 个 Pod（向下取整${bumped ? '；两者都为 0 时，Kubernetes 会把 maxUnavailable 按 1 处理' : ''}）。`,
  rolloutBounds: (maxTotal, minAvailable) =>
    `滚动更新期间：**总数最多 ${maxTotal} 个 Pod**，**至少 ${minAvailable} 个可用**。仍在终止中的旧 Pod 不计入其中：在它们的宽限期内，实际运行的 Pod（以及占用的资源和配额）可能比这更多。`,
  daemonSetRollout: (surge, unavailable) =>
    `逐个节点滚动，每一步：maxSurge ${surge}，maxUnavailable ${unavailable}（百分比按节点数计算，向上取整）。maxSurge 为 0 时，先删除节点上的旧 Pod，再启动新 Pod。`,
  recreate: '**Recreate：** 所有旧 Pod 都停止后才启动新 Pod，每次更新都会有停机时间。',
  minReady: (s) => `新 Pod 就绪 ${s} 秒后才算作可用；滚动更新对每个 Pod 都要等这么久。`,
  progressDeadline: (s, minReady) => `滚动更新连续 ${s} 秒没有进展即报告失败（Progressing=False）；该值必须大于 minReadySeconds（${minReady} 秒）。`,
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
  scaleDownDelay: (s, defaulted) =>
    `切换之后，旧 Pod 还会继续运行 **${s} 秒**${defaulted ? '（默认值）' : ''}才被缩容，以便处理中的请求完成，并让每个节点上的 kube-proxy 规则都指向新 Pod。Argo Rollouts 建议至少 30 秒。`,
  previewReplicas: (preview, replicas) =>
    preview === undefined
      ? `未设置：预览版本运行全部 **${replicas}** 个副本，因此每次更新会短暂需要两倍的 Pod。`
      : `提升之前，预览版本只运行 ${replicas} 个副本中的 **${preview}** 个；提升时先扩容到 ${replicas} 个，全部可用后才切换流量。`,
  canaryArithmetic: 'Argo Rollouts 在这些界限内伸缩金丝雀和稳定版本的 ReplicaSet，计算方式与 Deployment 相同。',
  cloneSetRollout: (replicas, surge, surgePods, unavailable, unavailablePods) =>
    `共 **${replicas}** 个副本时：maxSurge ${surge} → **${surgePods}** 个 Pod，maxUnavailable ${unavailable} → **${unavailablePods}** 个 Pod（CloneSet 对两者都向上取整）。`,
  cloneSetPartition: (p, r) =>
    p >= r ? `partition 为 ${p}，副本数为 ${r}：**不会更新任何 Pod**。` : `partition 为 ${p}，副本数为 ${r}：**${r - p}** 个 Pod 会被更新，${p} 个保持旧版本。`,
  qosClass: (qos, why) => `**QoS 类别：** ${qos}：${why}。`,
  qosGuaranteed: '每个容器（包括 Init 容器和边车容器）都把 CPU 和内存限制设为与请求相等',
  qosBestEffort: '没有任何容器设置 CPU 或内存的请求或限制',
  qosPodLevel: (guaranteed) => (guaranteed ? 'Pod 级资源把 CPU 和内存限制设为与请求相等' : '由 Pod 级资源决定，而它没有把 CPU 和内存限制设为与请求相等'),
  qosBurstable: (container, gap) => `\`${container}\` ${gap}，而 Guaranteed 要求每个容器（包括 Init 容器和边车容器）都把 CPU 和内存限制设为与请求相等`,
  qosGap: (resource, kind) =>
    kind === 'empty'
      ? '没有设置任何 CPU 或内存资源'
      : kind === 'noLimit'
        ? `没有设置${resource === 'cpu' ? ' CPU ' : '内存'}限制`
        : `的${resource === 'cpu' ? ' CPU ' : '内存'}限制与请求不相等`,
  apiDefinitions: (v) => `*摘自 Kubernetes ${v} API 参考（英文原文）。*`,
};

export const ZH_CN: Translation = {
  messages: {
    'daemonset-surge-hostport.hostPort':
      '`maxSurge` {surge} 会让滚动更新卡住：容器 "{container}" 占用了主机端口 {port}{via}。每个节点上的新 Pod 要在旧 Pod 仍在运行时启动，无法调度到旧 Pod 所在的节点上。',
    'daemonset-surge-hostport.hostNetwork':
      '`maxSurge` {surge} 与 `hostNetwork` 同用，滚动更新可能卡住。每个节点上的新 Pod 要在旧 Pod 仍在运行时启动，且共用节点的网络（`hostNetwork: true`）：只要它监听某个端口，就无法绑定该端口（"address already in use"），会反复崩溃重启。',
    'duplicate-container-name.duplicate':
      '容器名 "{name}" 已被 `{first}` 使用。容器名在 `initContainers`、`containers` 和 `ephemeralContainers` 之间必须唯一。',
    'exec-shell-syntax.hookVar':
      '{where} 把 {variable} 作为原样的文本传给 "{program}"。kubelet 从不展开 exec 生命周期钩子中的 $(VAR) 引用。请用 `sh -c` 运行，并以 ${name} 读取该变量。',
    'exec-shell-syntax.probeVar':
      '{where} 使用了 {variable}，kubelet 在这里不会展开它。kubelet 在 exec 探针中只会用带静态 `value:` 的 env 条目展开 $(VAR)；{reason}。',
    'exec-shell-syntax.shell':
      '{where} 不经过 shell 直接运行 "{program}"。其中的 shell 语法（{what}）会作为普通文本原样传给它，而不会被解释。请用 `sh -c` 运行。',
    'grpc-probe-unsupported.unsupported':
      '`{probe}` 使用 gRPC 检查，而 Kubernetes {version} 不会执行它。gRPC 探针从 1.{since} 起默认开启：该探针没有可用的处理器。',
    'init-container-lifecycle.lifecycle':
      'Init 容器不允许设置 `lifecycle`。只有原生边车容器（`restartPolicy: Always`）才能配置生命周期钩子，API Server 会拒绝这个 Pod。',
    'init-container-never-exits.neverExits':
      'Init 容器永远不会退出（`{reason}`）。Init 容器必须运行完成，应用容器才会启动，所以这个 Pod 永远无法就绪。如果它需要与应用一起运行，请改为原生边车容器（`restartPolicy: Always`）。',
    'init-container-probe.probe': 'Init 容器不允许设置 `{probe}`。只有原生边车容器（`restartPolicy: Always`）才能配置探针，API Server 会拒绝这个 Pod。',
    'init-container-restart-policy.initOnlyAlways':
      'Kubernetes {version} 会拒绝 Init 容器的 `restartPolicy` "{value}"。这里只接受 "Always"（即原生边车容器）；其他容器级重启策略需要 1.{since} 及以上版本。',
    'init-container-restart-policy.initDropped':
      'Init 容器的 `restartPolicy` "{value}" 会被静默丢弃。容器重启规则在 Kubernetes {version} 中默认关闭（从 1.{since} 起默认开启），该 Init 容器按 Pod 的 `restartPolicy` 运行。',
    'init-container-restart-policy.appDropped':
      '应用容器上的 `restartPolicy` 会被静默丢弃。容器重启规则在 Kubernetes {version} 中默认关闭（从 1.{since} 起默认开启），该容器按 Pod 的 `restartPolicy` 运行。请改为设置 Pod 级的 `restartPolicy`。',
    'init-container-restart-policy.invalidValue': '`restartPolicy` 值 "{value}" 无效。只能是 Always、OnFailure 或 Never，API Server 会拒绝这个 Pod。',
    'init-container-restart-policy.appNotAllowed':
      'Kubernetes {version} 不允许在应用容器上设置 `restartPolicy`。容器重启规则需要 1.{since} 及以上版本。请改为设置 Pod 级的 `restartPolicy`。',
    'init-failure-fails-pod.failsPod': '这个 Init 容器只要失败一次，整个 Pod 就会失败。Pod 的 `restartPolicy` 为 Never，该 Init 容器不会被重试。',
    'init-failure-fails-pod.containerNever': '这个 Init 容器只要失败一次，整个 Pod 就会失败。它的 `restartPolicy` 为 Never，不会被重试。',
    'init-resources-dominate.dominates':
      'Init 容器把 Pod 的 {resource} 请求定为 {init}，而不是 {running}。应用容器和边车容器合计只需 {running}，调度器却会在 Pod 的整个生命周期内预留 Init 阶段的 {init}。',
    'invalid-port-name.quotedNumber':
      '{where} 的端口 "{name}" 是加了引号的数字。字符串会被当作端口名，而端口名必须包含字母：API Server 会拒绝这个 Pod。请去掉引号，直接写数字。',
    'invalid-port-name.invalid': '{where} 的端口名 "{name}" 无效。API Server 会拒绝这个 Pod：{problems}。',
    'liveness-delay-use-startup.delay':
      '存活探针固定等待 {delay} 秒，请改用启动探针。启动时间更长就会被重启，而前 {delay} 秒内发生的卡死则无人察觉。启动探针能适应实际的启动时间。',
    'liveness-equals-readiness.same':
      '存活探针与就绪探针是同一个检查。两者都是 {handler} 检查，并且会在同一时刻失败（每 {period} 秒一次，超时 {timeout} 秒，连续失败 {failures} 次）：过载的 Pod 恰好在本该被摘出流量的那一刻被重启。',
    'liveness-kill-grace-long.long':
      '存活探针失败后要等 {grace} 秒才会杀掉容器。Pod 的宽限期为 {grace} 秒，而存活探针没有设置 `terminationGracePeriodSeconds`，卡死的容器要等 {grace} 秒后才会被杀掉。请给探针设置一个单独的、更短的宽限期。',
    'liveness-probe-missing.missing': '在端口 {port} 上提供服务，但没有存活探针。如果它卡死而没有退出，kubelet 永远不会重启它。',
    'liveness-too-aggressive.aggressive':
      '存活探针在连续失败约 {window} 秒后就会重启容器。即 failureThreshold {failures} × periodSeconds {period} 秒：一次这么长的 GC 停顿或负载突增就会杀掉健康的容器。请至少留出 {min} 秒。',
    'hpa-replicas-conflict.conflict':
      '`replicas: {replicas}` 与 {autoscaler} 冲突。自动扩缩器负责扩缩 {kind} "{name}"，每次 apply 都会把副本数重置为 {replicas}，在流量高峰时砍掉已扩容的 Pod。',
    'pdb-blocks-eviction.blocks':
      '允许的中断数为 0，节点排空永远无法完成。对 {target}（{replicas}，{setting}），在运行这些 Pod 的节点上，`kubectl drain` 会一直等待（驱逐 API 返回 429）。',
    'pdb-blocks-eviction.blocksAtMin':
      '在自动扩缩器的最小副本数下允许的中断数为 0，节点排空可能永远无法完成。对 {target}，HPA 停在最小值 {replicas}（{setting}）时，在运行这些 Pod 的节点上，`kubectl drain` 会一直等待（驱逐 API 返回 429）。',
    'pdb-blocks-eviction.blockedBy':
      '另一个文件中的 {budget} 对这个工作负载允许的中断数为 0。{setting} 时，在运行其 Pod 的节点上，`kubectl drain` 永远无法完成（驱逐 API 返回 429）。',
    'pdb-blocks-eviction.blocksAll':
      '{setting} 使选中的每个 Pod 允许的中断数都为 0。在运行这些 Pod 的节点上，`kubectl drain` 永远无法完成（驱逐 API 返回 429）。',
    'pdb-invalid.both':
      '同时设置了 `minAvailable` 和 `maxUnavailable`。API Server 会拒绝这个预算（"minAvailable and maxUnavailable cannot be both set"）。只保留其中一个。',
    'pdb-invalid.negative': '`{field}` 的值 {value} 是负数。API Server 会拒绝这个预算（"must be greater than or equal to 0"）。',
    'pdb-invalid.notPercent':
      '`{field}` 的值 {value} 既不是整数也不是百分比。API Server 会拒绝这个预算（"a valid percent string must be a numeric string followed by an ending \'%\'"）。',
    'pdb-invalid.over100': '`{field}` 的值 {value} 超过了 100%。API Server 会拒绝这个预算（"must not be greater than 100%"）。',
    'pdb-missing.missing':
      '{replicas} 个副本，但没有 PodDisruptionBudget。工作区中没有选中 {kind} "{name}" 的 Pod 的 PDB：节点排空或升级时可能会一次性驱逐所有副本。',
    'pdb-unhealthy-eviction-policy.missing':
      '不健康的 Pod 可能卡住节点排空（默认的 `unhealthyPodEvictionPolicy`）。使用 IfHealthyBudget 时，当 Pod 崩溃重启或一直无法就绪，这些 Pod 都无法被驱逐，节点排空（drain）会卡住。请设置 `unhealthyPodEvictionPolicy: AlwaysAllow`。',
    'service-port-mismatch.unknown':
      '目标端口 "{port}"（{protocol}）没有被任何选中的容器声明。{targets} 中没有容器声明它：这个 Service 端口没有任何端点，连接会失败。已声明：{declared}。',
    'prestop-exceeds-grace.exceeds':
      'preStop 休眠 {sleep}，超过了宽限期 {grace}。宽限期的倒计时包含钩子的执行时间，因此容器要等宽限期耗尽才收到 SIGTERM，2 秒后就会被 SIGKILL。',
    'prestop-exceeds-grace.rejected':
      'preStop 休眠 {sleep}，超过了宽限期 {grace}。`sleep` 动作的时长不能超过 `terminationGracePeriodSeconds`，API Server 会拒绝这个 Pod。',
    'prestop-missing.missing':
      '提供服务的容器没有 preStop 钩子。Pod 开始从 Service 端点中摘除的同一时刻它就会收到 SIGTERM，而 kube-proxy 和 Ingress 控制器是异步更新的，在它退出的这几秒里仍会把新请求发给它。',
    'probe-handler-count.none': '`{what}` 没有处理器。必须恰好指定 {allowed} 中的一个，API Server 会拒绝这个 Pod（"must specify a handler type"）。',
    'probe-handler-count.many':
      '`{what}` 有 {count} 个处理器（{handlers}）。只能有一个，API Server 会拒绝这个 Pod（"may not specify more than 1 handler type"）。',
    'probe-port-not-declared.name': '`{what}` 使用端口 "{port}"，但容器没有声明这个端口名。kubelet 无法解析该名称（{declared}），因此{consequence}。',
    'probe-port-not-declared.number': '`{what}` 检查端口 {port}，但容器没有声明它。请确认进程确实在这个端口上监听（{declared}）。',
    'probe-port-udp.udp': '`{what}` 通过 TCP 检查端口 {port}。容器只把它声明为 UDP 端口：没有进程接受这个连接，因此{consequence}。',
    'probe-success-threshold.notOne': '`{probe}` 的 `successThreshold` 为 {value}，但必须为 1。存活探针和启动探针只能为 1：API Server 会拒绝这个 Pod。',
    'probe-timeout-exceeds-period.longer':
      '`{probe}` 的超时 {timeout} 秒超过了执行间隔 {period} 秒。一次卡住的检查会推迟下一次检查，因此连续失败 {failures} 次要约 {slow} 秒才能判定，而不是 {fast} 秒。',
    'progress-deadline-not-greater.notGreater':
      '`progressDeadlineSeconds` {deadline} 不大于 `minReadySeconds` {minReady}。API Server 会拒绝这个 Deployment（"must be greater than minReadySeconds"）。',
    'progress-deadline-not-greater.defaultDeadline':
      '`minReadySeconds` {minReady} 不小于 `progressDeadlineSeconds` 的默认值（600）。API Server 会拒绝这个 Deployment（"must be greater than minReadySeconds"）。请把 `progressDeadlineSeconds` 设为大于 {minReady} 的值。',
    'progress-deadline-not-greater.rolloutNotGreater':
      '`progressDeadlineSeconds` {deadline} 不大于 `minReadySeconds` {minReady}。Argo Rollouts 会把这个 Rollout 标记为 InvalidSpec，不会执行发布（"must be greater than minReadySeconds"）。',
    'progress-deadline-not-greater.rolloutDefaultDeadline':
      '`minReadySeconds` {minReady} 不小于 `progressDeadlineSeconds` 的默认值（600）。Argo Rollouts 会把这个 Rollout 标记为 InvalidSpec，不会执行发布（"must be greater than minReadySeconds"）。请把 `progressDeadlineSeconds` 设为大于 {minReady} 的值。',
    'qos-guaranteed-broken.burstable':
      'Pod 的 QoS 类别是 Burstable 而不是 Guaranteed。所有应用容器都把 CPU 和内存限制设为与请求相等，但{role} "{container}" {gaps}，因此 Pod 得不到独占 CPU，内存紧张时也会更早被驱逐。',
    'readiness-probe-missing.missing':
      '在端口 {port} 上提供服务，但没有就绪探针。它一启动就被视为就绪，于是滚动更新继续推进，Service 也会在它能够响应之前就把流量转发给它。',
    'readiness-termination-grace.notAllowed':
      '就绪探针不能设置 `terminationGracePeriodSeconds`。只有存活探针和启动探针才能设置该字段（就绪探针失败从不会杀掉容器）：API Server 会拒绝这个 Pod。',
    'recreate-strategy.recreate': 'Recreate 策略让每次更新都会停机。它先停掉全部 {replicas} 个 Pod，再创建新的 Pod，直到新 Pod 就绪之前都无法提供服务。',
    'removed-api-version.gone':
      '{apiVersion} 自 1.{removedIn} 起不再提供，且没有替代版本。目标版本为 Kubernetes {version}：API Server 会拒绝这个清单。请删除它。',
    'removed-api-version.removed':
      '{apiVersion} 自 1.{removedIn} 起不再提供，请改用 {replacement}。目标版本为 Kubernetes {version}：API Server 会拒绝这个清单。',
    'removed-api-version.removedWithNote':
      '{apiVersion} 自 1.{removedIn} 起不再提供，请改用 {replacement}。目标版本为 Kubernetes {version}：API Server 会拒绝这个清单。另外，{note}。',
    'rolling-update-invalid-value.negative': '`{field}` 的值 {value} 必须大于或等于 0。API Server 会拒绝这个 {kind}。',
    'rolling-update-invalid-value.notPercent':
      '`{field}` 的值 {value} 既不是整数也不是百分比。"a valid percent string must be a numeric string followed by an ending \'%\'"：API Server 会拒绝这个 {kind}。',
    'rolling-update-invalid-value.over100': '`{field}` 的值 {value} 不能大于 100%。API Server 会拒绝这个 {kind}。',
    'rolling-update-invalid-value.kruiseNotPercent':
      '`{field}` 的值 {value} 是字符串，但不是百分比。OpenKruise 的 Webhook 会拒绝这个 {kind}（"invalid type: string is not a percentage"）。',
    'rolling-update-invalid-value.statefulSet':
      '`maxUnavailable` 值 {value} 无效（{reason}）。在开启了 MaxUnavailableStatefulSet 的集群上（1.35.0–1.35.3 以及 1.37 起默认开启），API Server 会拒绝这个 StatefulSet；该特性关闭时，这个字段会被丢弃。',
    'rolling-update-zero-surge-and-unavailable.deploymentZero':
      '`maxUnavailable` {unavailable} 和 `maxSurge` {surge} 都为 0。滚动更新既不能新增 Pod，也不能移除 Pod：API Server 会拒绝这个 Deployment（"may not be 0 when `maxSurge` is 0"）。',
    'rolling-update-zero-surge-and-unavailable.daemonSetZero':
      '`maxUnavailable` {unavailable} 和 `maxSurge` {surge} 都为 0。API Server 会拒绝这个 DaemonSet（"cannot be 0 when maxSurge is 0"）。',
    'rolling-update-zero-surge-and-unavailable.daemonSetZeroNoSurge':
      '`maxUnavailable` {unavailable} 为 0，而 Kubernetes {version} 的 DaemonSet 没有 `maxSurge`。`maxSurge` 需要 1.22：API Server 会拒绝这个 DaemonSet（"cannot be 0"）。',
    'rolling-update-zero-surge-and-unavailable.daemonSetBoth':
      '`maxSurge` {surge} 和 `maxUnavailable` {unavailable} 都不为 0。DaemonSet 只能设置其中一个，API Server 会拒绝它（"may not be set when maxUnavailable is non-zero"）。',
    'rolling-update-zero-surge-and-unavailable.canaryZero':
      '金丝雀策略的 `maxUnavailable` {unavailable} 和 `maxSurge` {surge} 都为 0。更新既不能新增 Pod，也不能移除 Pod：Argo Rollouts 会把这个 Rollout 标记为 InvalidSpec，不会执行发布（"MaxSurge and MaxUnavailable both can not be zero"）。',
    'rolling-update-zero-surge-and-unavailable.cloneSetBelowOne':
      '`maxUnavailable` {unavailable} 和 `maxSurge` {surge} 算下来都不到 1 个 Pod。按 {replicas} 个 Pod 向上取整：OpenKruise 的 Webhook 会拒绝这个 CloneSet（"maxUnavailable and maxSurge should not both be less than 1"）。',
    'selector-mismatch.mismatch':
      '选择器与 Pod 模板的标签不匹配。它要求 {requirement}，与 Pod 模板不符（{found}）：API Server 会拒绝这个 {kind}（"`selector` does not match template `labels`"）。',
    'selector-mismatch.missing': '没有 `spec.selector`，而 apps/v1 要求必须设置。API Server 会拒绝这个 {kind}。',
    'selector-mismatch.empty': '选择器为空，这是无效的。API Server 会拒绝这个 {kind}（"empty selector is invalid"）。',
    'shell-pid1-no-exec.notExec':
      'shell 一直作为 PID 1 运行，可能不转发 SIGTERM。脚本运行了多条命令，最后一条（`{last}`）没有用 `exec` 启动：除非 shell 用它替换自身（这取决于 shell 及其版本和脚本写法），否则 shell 会忽略 SIGTERM 也不转发，应用会在宽限期（{grace}）结束后被直接杀掉，无法正常退出。',
    'shell-pid1-no-exec.stays':
      '应用收不到 SIGTERM。脚本{reason}：SIGTERM 只发给 PID 1，而 PID 1 没有信号处理程序时会忽略它，也不会转发，应用会在宽限期（{grace}）结束后被直接杀掉，无法正常退出。',
    'sidecar-no-startup-probe.noStartupProbe': '原生边车容器暴露了端口 {port}，但没有启动探针。它一启动，后面的容器就会跟着启动，此时它可能还没开始监听。',
    'sidecar-shutdown-budget.budget':
      '边车容器和应用的 preStop 暂停合计 {sum} 秒，超过了宽限期。宽限期为 {grace}；边车容器 "{sidecar}" 的 preStop 暂停 {sidecarSleep} 秒，"{app}" 暂停 {appSleep} 秒。kubelet 会同时执行这两个钩子，并且要等 "{app}" 退出后才向 "{sidecar}" 发送 SIGTERM，所以应用退出后，边车容器最多只剩 {left} 秒就会收到 SIGKILL，少于它的 preStop 预留的 {sidecarSleep} 秒。',
    'sidecar-unsupported-version.unknown':
      '原生边车容器需要 Kubernetes 1.{since}；{version} 不认识这里的 `restartPolicy`。kubectl 的严格字段校验会拒绝它（"unknown field"），不做校验的客户端则会丢弃它，于是它作为普通 Init 容器运行，必须退出后应用容器才会启动。',
    'sidecar-unsupported-version.neverExits':
      '原生边车容器需要 Kubernetes 1.{since}；在 {version} 上这个 Init 容器永远不会退出。`restartPolicy` 会被丢弃（或作为未知字段被拒绝），它作为普通 Init 容器运行，却永远不会退出（{reason}）：应用容器永远不会启动。',
    'sidecar-unsupported-version.sidecarOnly':
      '原生边车容器需要 Kubernetes 1.{since}；在 {version} 上这里的 `{field}` 会被拒绝。`restartPolicy` 会被丢弃（或作为未知字段被拒绝），而普通 Init 容器不允许设置 `{field}`，API Server 会拒绝这个 Pod。',
    'sidecar-unsupported-version.unsupported':
      '原生边车容器需要 Kubernetes 1.{since}；在 {version} 上它是普通 Init 容器。API Server 会丢弃 `restartPolicy: Always`，而普通 Init 容器必须退出后应用容器才会启动。',
    'single-replica-unavailable.allDown':
      '`maxUnavailable` {value} 使滚动更新可能一次停掉所有 Pod。它允许 {replicas} 个副本中的 {unavailable} 个不可用，而此时还没有任何新 Pod 就绪。',
    'single-replica-unavailable.bumped':
      '滚动更新会在替代 Pod 就绪之前停掉唯一的 Pod。副本数为 {replicas} 时，`maxSurge` {surge} 和 `maxUnavailable` {value} 算下来都是 0，因此 Deployment 控制器会允许 1 个 Pod 不可用。',
    'sleep-action-unsupported.unsupported':
      '`{hook}` 使用了 `sleep` 动作，而 Kubernetes {version} 不支持。它需要 1.{since} 及以上版本，API Server 会拒绝这个 Pod。',
    'sleep-action-unsupported.dropped':
      '`{hook}` 使用了 `sleep` 动作，Kubernetes {version} 会静默丢弃它。该动作在这个版本中默认关闭（从 1.{since} 起默认开启）：API Server 会丢弃整个钩子并接受这个 Pod，Pod 运行时根本没有 {hook}。',
    'sleep-action-unsupported.zero':
      '`{hook}` 休眠 0 秒，Kubernetes {version} 会拒绝。该版本要求 `sleep` 动作的时长大于 0 秒（从 1.{since} 起才允许为 0），API Server 会拒绝这个 Pod。',
    'sleep-action-unsupported.postStartTooLong':
      '`postStart` 休眠 {seconds} 秒，超过了宽限期 {grace}。`sleep` 动作的时长不能超过 `terminationGracePeriodSeconds`，API Server 会拒绝这个 Pod。',
    'startup-exceeds-progress-deadline.reaches':
      '缓慢的启动可能让滚动更新因超过进度期限而失败。启动探针允许最长 {budget} 秒的启动时间（{formula}），达到了 Deployment 的 `progressDeadlineSeconds`（{deadline}）：一次缓慢但正常的滚动更新会被标记为失败（ProgressDeadlineExceeded），`kubectl rollout status` 也会以非零状态退出。',
    'statefulset-ondelete.onDelete':
      '`updateStrategy` 为 OnDelete：模板变更要等手动删除 Pod 才生效。这个 {kind} 的新 Pod 模板只有在逐个手动删除 Pod 后才会生效，在此之前运行中的 Pod 一直保持旧的配置。',
    'template-restart-policy.notAlways':
      '{kind} 的 Pod 模板中 `restartPolicy` "{value}" 会被拒绝。{kind} 的 Pod 模板必须让容器原地重启：API Server 只支持 "Always"。',
    'template-restart-policy.job': '{kind} 的 Pod 模板中 `restartPolicy` "{value}" 会被拒绝。Job 只接受 "OnFailure" 或 "Never"。',
    'template-restart-policy.jobMissing': 'Pod 模板没有设置 `restartPolicy`，而默认值 "Always" 会被拒绝。{kind} 只接受 "OnFailure" 或 "Never"。',
    'template-restart-policy.podFailurePolicy': '设置了 `podFailurePolicy` 时 `restartPolicy` "{value}" 会被拒绝。此时只支持 "Never"。',
    'termination-grace-zero.zero':
      '`terminationGracePeriodSeconds` 为 0，没有留出退出的时间。被删除的 Pod 会像强制删除一样立即从 API 中移除；在节点上 preStop 钩子最多只有 1 秒，容器在收到 SIGTERM 约 2 秒后被杀掉。',
    'termination-grace-zero.statefulSet':
      '`terminationGracePeriodSeconds` 为 0，可能出现两个身份相同的 Pod。StatefulSet "{name}" 被删除的 Pod 会像强制删除一样立即从 API 中移除，旧进程还在运行时，就可能启动一个使用相同标识和存储卷的替代 Pod。API Server 会接受这种配置：报为错误是因为数据面临风险。',
    // Schema validation (server/src/service/schema.ts SCHEMA_MESSAGES), used by analyze.ts under the code `schema`.
    // schema.ts builds the phrases that fill the placeholders (`expected`, `actual`, `where`) in the same language.
    // In Chinese `expected` and `actual` start with a Chinese word (字符串, 数字, 布尔值, 映射, ...), so no space before them.
    'schema.unknownField': '{where} 中有未知字段 `{field}`。',
    'schema.unknownFieldExpected': '{where} 中有未知字段 `{field}`；可用的字段：{fields}。',
    'schema.unknownFieldDidYouMean': '{where} 中有未知字段 `{field}`；是不是想写 `{suggestion}`？',
    'schema.newerField': '`{field}` 需要 Kubernetes {needs} 及以上版本；目标版本为 {target}。',
    'schema.type': '{subject} 应为{expected}；实际为{actual}。',
    'schema.intOrString': '{subject} 必须是整数或字符串；实际为{actual}。',
    'schema.quantity': '{subject} 必须是资源数量：数字，或 500m、128Mi、2Gi 这样的字符串；实际为{actual}。',
    'schema.quantitySyntax': '"{value}" 不是 {subject} 的有效数量：应写成数字加可选的后缀（m、k、M、G、T、Ki、Mi、Gi、Ti 等），例如 500m 或 128Mi。',
    'schema.quantitySyntaxDidYouMean': '"{value}" 不是 {subject} 的有效数量；是不是想写 {suggestions}？',
    'schema.dateTime': '{subject} 必须是 RFC 3339 格式的日期时间，例如 2024-05-01T12:00:00Z；实际为{actual}。',
    'schema.range': '{subject} 必须在 {min} 到 {max} 之间；实际为{actual}。',
    'schema.bound': '{subject} 必须 {bound}；实际为{actual}。',
    'schema.enum': '{subject} 必须是 {values} 之一；实际为{actual}。',
    'schema.required': '{where} 缺少必填字段 {fields}。',
    'schema.requiredMany': '{where} 缺少必填字段 {fields}。',
    'schema.invalid': '{subject} 在这里无效（{keyword}）。',
  },
  docs: {
    'daemonset-surge-hostport': {
      level:
        '错误，尽管 API Server 会接受：使用主机端口时，每个节点上的滚动更新必然卡住。开启 hostNetwork 但没有声明端口的情况是警告，因为只有 Pod 监听节点端口时才会卡住。',
      summary:
        'DaemonSet 滚动更新的 `maxSurge` 大于 0，而它的 Pod 使用了 `hostPort` 或开启了 `hostNetwork` 并声明了容器端口（错误），或者开启了 `hostNetwork` 但没有声明端口（警告）。',
      why:
        '设置了 `maxSurge` 时，DaemonSet 控制器会在旧 Pod 仍在节点上运行的同时，在该节点上启动新 Pod。一个主机端口在每个节点上只能被一个 Pod 占用，' +
        '因此调度器无法放置新 Pod（"node(s) didn\'t have free ports for the requested pod ports"）：新 Pod 一直处于 Pending，旧 Pod 永远不会被替换，' +
        '每个节点上的滚动更新都会卡住。设置 `hostNetwork: true` 时，每个容器端口都是主机端口。' +
        'API Server 不会拒绝这种组合，尽管 DaemonSet surge 的设计文档（KEP-1591）把它列为最常见的冲突。' +
        '开启了 `hostNetwork` 但没有声明端口的 Pod 能被调度，但只要它监听节点上的端口，在旧 Pod 运行期间就无法绑定（"address already in use"），会反复崩溃重启：滚动更新同样会卡住。',
      appliesTo: '仅内置的 apps/v1 DaemonSet。',
    },
    'duplicate-container-name': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: 'Pod 中有两个容器同名（在 `initContainers`、`containers` 和 `ephemeralContainers` 之间）。',
      why:
        'kubelet、日志、`kubectl exec -c` 和容器状态都靠容器名来区分容器，因此容器名在 Pod 内的这三个列表之间必须唯一；' +
        '出现重名时，API Server 会以 "Duplicate value" 拒绝。',
    },
    'exec-shell-syntax': {
      level: '警告：命令肯定不会按写的那样执行（文本被原样传入），但是否会让容器出问题取决于程序本身。',
      summary:
        'exec 探针、exec 生命周期钩子或容器的 `command`/`args` 用了 shell 语法（`|`、`&&`、`;`、`>`、`$VAR`、`$(…)`、反引号、路径中的 `*`），却没有通过 shell 运行；' +
        '或者在 Kubernetes 不会展开的地方用了 `$(VAR)` 引用（exec 钩子；exec 探针中没有静态 `value:` 的变量）。',
      why:
        'Kubernetes 直接启动 `command` 的第一项，其余每一项都原样作为一个参数传入，中间没有 shell 解析。' +
        '`["cat", "/tmp/ready", "&&", "curl", "localhost:8080"]` 会让 cat 读四个文件，`["pg_isready", "-U", "$POSTGRES_USER"]` 传入的就是文本 "$POSTGRES_USER"，' +
        '`/var/run/*.pid` 则是一个名字里带星号的文件。这样写的探针要么失败（存活探针会导致无休止的重启），要么因为错误的原因成功。' +
        'Kubernetes 自己会展开 `$(VAR)`，但并非处处如此：在 `command` 和 `args` 中用整个环境展开（不报告）；' +
        '在 exec 探针中只用带静态 `value:` 的 env 条目展开（来自 `valueFrom` 的变量会变成空字符串，未定义的变量保持原样）；' +
        '在 exec 生命周期钩子中从不展开，程序收到的就是文本 `$(VAR)`。后两种会报告。',
    },
    'grpc-probe-unsupported': {
      level: '错误：在该版本上这个探针没有可用的处理器，永远起不到作用。',
      summary: '探针使用了 `grpc` 处理器，但目标 Kubernetes 版本低于 1.24（gRPC 探针从该版本起默认可用）。',
      why:
        'gRPC 探针（GRPCContainerProbe）在 1.23 为 alpha 且默认关闭，更早的版本根本没有；1.24 起默认开启，1.27 GA。' +
        '在更老的集群上，`grpc` 字段不被识别或被禁用，探针就没有可用的处理器：API Server 会拒绝它（"must specify a handler type"），' +
        '或者 kubelet 每次检查都失败（"missing probe handler"），对存活探针来说就意味着无休止的重启。',
    },
    'init-container-lifecycle': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: '普通 Init 容器（未设置 `restartPolicy: Always`）声明了 `lifecycle` 钩子。',
      why:
        '普通 Init 容器在应用启动前运行至完成，运行期间 kubelet 不会停止它，preStop 钩子根本没有执行的机会；' +
        'API Server 会拒绝该 Pod（"may not be set for init containers without restartPolicy=Always"）。原生边车容器可以配置生命周期钩子。',
    },
    'init-container-never-exits': {
      level: '警告而不是错误：这样的 Pod 永远无法就绪，但"永远不会退出"是从命令（tail -f、sleep infinity、服务进程）推断出来的，可能判断有误。',
      summary: '普通 Init 容器运行的命令永远不会退出（`sleep infinity`、`tail -f`、无限的 `while true` 循环）。',
      why:
        'Init 容器按顺序逐个运行，每个都必须完成，下一个（最后是应用容器）才会启动。永不退出的 Init 容器会让 Pod 一直停在 ' +
        '`Init:0/1`，滚动更新也永远推进不了。如果它本来就要与应用一起运行，应改为设置了 `restartPolicy: Always` 的原生边车容器（Kubernetes 1.29+）。',
    },
    'init-container-probe': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: '普通 Init 容器（未设置 `restartPolicy: Always`）声明了 `livenessProbe`、`readinessProbe` 或 `startupProbe`。',
      why:
        '普通 Init 容器在应用启动前按顺序逐个运行至完成，没有什么需要探测的。API Server 会拒绝整个 Pod（或以它为模板的 Deployment），' +
        '报错 "Forbidden: may not be set for init containers without restartPolicy=Always"（1.28 之前为 "must not be set for init containers"）。' +
        'StatefulSet 的 Pod 模板从 1.34 起才会校验：在此之前 StatefulSet 会被接受，但控制器无法创建它的 Pod。只有原生边车容器（设置了 `restartPolicy: Always` 的 Init 容器，Kubernetes 1.29+）才能配置探针。',
    },
    'init-container-restart-policy': {
      level: 'API Server 拒绝该值时是错误；API Server 静默丢弃它时也是错误，因为容器的行为会与所写的不一致。',
      summary: 'Init 容器的 `restartPolicy` 不是 `Always`，或者应用容器设置了 `restartPolicy`，而目标 Kubernetes 版本不允许。',
      why:
        '在容器重启规则（ContainerRestartRules，1.35 起默认开启）之前，Init 容器的 `restartPolicy` 只接受 `Always`，' +
        '也就是把它变成原生边车容器；应用容器则根本不能设置该字段。在 1.33 及更早的版本上，API Server 会拒绝这个 Pod。' +
        '1.34 有这个特性门控但默认关闭，API Server 会静默丢弃这些值：Pod 被接受，容器按 Pod 的 `restartPolicy` 运行，这里写的策略永远不会生效。',
    },
    'init-failure-fails-pod': {
      level: '提示（info）：第一次 Init 失败就让整个 Pod 失败，往往正是 Job 想要的；值得知道，但不是错误。',
      summary: 'Pod 的 `restartPolicy` 为 `Never`（或者从 Kubernetes 1.35 起，Init 容器自身的 `restartPolicy` 为 `Never`），且 Pod 中有普通 Init 容器。',
      why:
        'Init 容器失败后通常会被重启（带退避）直到成功。而在 `restartPolicy: Never` 下，Kubernetes 会直接判定整个 Pod 失败：' +
        '迁移脚本或 wait-for 脚本的一次偶发错误就会让 Pod 结束，Job 只能重新创建一个 Pod（计入 `backoffLimit`）。',
    },
    'init-resources-dominate': {
      level: '提示（info）：多出的预留是成本，而不是故障，而且繁重的初始化步骤（迁移、预热）可能确实需要它。',
      summary: 'Init 容器的资源请求大于应用容器和边车容器的请求之和，因此由它决定 Pod 的有效请求（除非 Pod 级请求取代了它）。',
      why:
        '调度器在 Pod 的整个生命周期内预留的资源取两者中的较大值：最大的 Init 容器加上在它之前启动的边车容器，或者所有应用容器与边车容器之和。' +
        '给一个很快就结束的迁移步骤设置过大的请求，这部分容量在步骤结束后仍会一直被占着，集群资源紧张时还可能让 Pod 卡在 Pending。' +
        'Pod 级请求（`spec.resources.requests`，PodLevelResources，1.34 起默认开启）会取代各容器的合计值，因此这样的 Pod 不会被报告；' +
        '无论哪种情况，Pod 的 `overhead`（由 RuntimeClass 设置）都会再加在上面。',
    },
    'invalid-port-name': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: '端口名（容器端口的 `name`，或 httpGet、tcpSocket 探针或钩子中字符串形式的 `port`）不是合法的 IANA 服务名，例如带引号的数字 "8080"。',
      why:
        '端口名必须由 1–15 个小写字母、数字和 "-" 组成，至少包含一个字母，不能以 "-" 开头或结尾，也不能包含 "--"，' +
        '否则 API Server 会拒绝这个 Pod（以及以它为模板的 Deployment、DaemonSet 等；StatefulSet 从 1.34 起才会校验，在此之前它会被接受，但它的 Pod 创建失败）。最常见的失误是给数字加了引号：' +
        '`port: "8080"` 是字符串，因此会被当作端口名，而 "8080" 里没有字母。',
    },
    'liveness-delay-use-startup': {
      level: '提示（info）：只要启动时间一直短于这个延迟，固定延迟就能工作；启动探针是更好的做法，而不是修复一个缺陷。',
      summary: '存活探针的 `initialDelaySeconds` 不小于 30 秒（选项 `minDelaySeconds`），且容器没有配置启动探针。',
      why:
        '固定的延迟只是对启动时间的猜测。启动比预期慢时（缓存是冷的、节点较慢、在做迁移），存活探针会在容器启动完成之前把它杀掉，最终陷入 CrashLoopBackOff；' +
        '启动比预期快时，最初几秒里发生的卡死在整个延迟期间都无人察觉。启动探针从第一秒就开始检查，一旦成功就交给存活探针接管，' +
        '并且可以用 `failureThreshold` 容纳最慢的启动。',
    },
    'liveness-equals-readiness': {
      level: '提示（info）：Kubernetes 文档允许两个探针相同，并建议存活探针使用同一端点、但设置更高的 failureThreshold；连锁重启只在过载时发生。',
      summary:
        '存活探针与同一容器的就绪探针执行相同的检查，且会在同一时刻失败：处理器相同，应用默认值后 `periodSeconds`、`timeoutSeconds` 和 `failureThreshold` 也相同。',
      why:
        '就绪探针回答的是"这个 Pod 现在该不该接收流量？"，存活探针回答的是"这个进程是不是已经无可救药？"。两者是同一个检查时，它们会同时失败：' +
        '一个只是过载的 Pod（按默认值，响应缓慢持续 30 秒：失败 3 次，间隔 10 秒），恰好在它本该被摘出流量、得以恢复的那一刻被重启。' +
        '它的负载转移到其他副本上，这些副本随后以同样的方式失败，整个 Deployment 可能发生连锁重启。' +
        'Kubernetes 文档允许两个探针相同，只要检查在高负载下也能很快响应就无害，所以这里只是提示，而不是警告。',
    },
    'liveness-kill-grace-long': {
      level: '提示（info）：卡死的容器仍会被重启，只是晚一些；而较长的 Pod 宽限期通常是为了正常退出而有意设置的。',
      summary:
        'Pod 的 `terminationGracePeriodSeconds` 很长（超过 60 秒，可用选项 `maxSeconds` 调整），而存活探针没有设置探针级的 `terminationGracePeriodSeconds`。',
      why: '存活探针失败时，kubelet 杀掉容器所用的宽限期与删除 Pod 时相同：先执行 preStop 钩子，再发送 SIGTERM，宽限期结束后才发送 SIGKILL。Pod 的宽限期设得很长通常是为了正常关闭（数据库刷盘、任务执行完毕），但存活检查失败的容器通常已经卡死、不会响应 SIGTERM，于是它要白白挂上整个宽限期才会被重启。探针级的 `terminationGracePeriodSeconds`（Kubernetes 1.25+，1.28 GA）只对该探针触发的杀死生效，删除 Pod 和滚动更新仍使用较长的宽限期。',
    },
    'liveness-probe-missing': {
      level:
        '提示（hint）：Kubernetes 文档指出，在不健康时会自行崩溃的容器不需要存活探针，而配置不当的存活探针比没有更糟；这个提示是给可能卡死却不退出的应用的。',
      summary: 'Deployment、StatefulSet、DaemonSet、ReplicaSet 或 ReplicationController 中的应用容器声明了端口，但没有配置存活探针。',
      why:
        'kubelet 只会在容器进程退出时自行重启它。死锁或不再接受连接、却没有退出的服务会一直留在那里：' +
        '没有就绪探针时，它继续分到自己那份流量（4 个副本时就是四分之一的请求）并全部失败；有就绪探针时，它会被移出 Service，' +
        '工作负载就一直少一个副本，直到有人删除这个 Pod。',
    },
    'liveness-too-aggressive': {
      level: '警告：失败几秒就重启，会把 GC 停顿和负载突增变成对健康容器的重启，而且常常是所有副本同时重启。',
      summary: '存活探针在检查连续失败不到 10 秒后就重启容器（failureThreshold × periodSeconds，已应用默认值；选项 `minSeconds`）。',
      why:
        '存活探针失败会杀掉容器，丢掉它正在处理的请求和预热好的状态。设置 `periodSeconds: 1` 和 `failureThreshold: 3` 时，' +
        '一次持续 3 秒的垃圾回收停顿、CPU 限流下的突发负载或一个变慢的依赖，就足以重启健康的进程，高负载下所有副本还可能同时中招。' +
        '默认值（失败 3 次，间隔 10 秒）会留出 30 秒。',
    },
    'pdb-blocks-eviction': {
      level: '警告：API 会接受这个 PDB，运行中的 Pod 也不受影响，但每次节点排空和托管升级都会被它卡住。',
      summary:
        '允许中断数为 0 的 PodDisruptionBudget：`maxUnavailable` 为 0、`minAvailable` 为 100%，或者 `minAvailable` 达到了工作区中被选中工作负载的副本数（有 HPA 时按其 `minReplicas`）。',
      why:
        '只有 PDB 还允许至少一次中断时，驱逐 API 才会放行 Pod，否则返回 429 Too Many Requests。' +
        '`maxUnavailable` 为 0、`minAvailable` 为 100%，或者 `minAvailable` 等于副本数（单副本配 `minAvailable: 1` 是最典型的）时，它永远不会放行：' +
        '在每个运行这些 Pod 的节点上，`kubectl drain` 会一直重试到 `--timeout`（默认不限时），排空永远完成不了；集群自动扩缩器会跳过该节点，不再缩容它；' +
        '托管集群的节点升级会卡住，其中大多数会在自己的超时之后强制排空，不顾预算直接停掉这些 Pod。`minAvailable` 的百分比向上取整（3 的 90% 是 3）。' +
        'HorizontalPodAutoscaler 扩缩工作负载时，起作用的是它的 `minReplicas`：`minAvailable: 3` 的 PDB 配上 `minReplicas: 3` 的 HPA，' +
        '在自动扩缩器停在最小值时（恰恰是集群空闲、节点被排空的时候）会挡住每一次排空。',
      appliesTo:
        'PodDisruptionBudget。它选中的 Pod 可以属于任何有副本数的长期运行工作负载：Deployment、StatefulSet、ReplicaSet、Argo Rollouts、OpenKruise 的 CloneSet 和 Advanced StatefulSet，以及 `kubeGraceful.customWorkloads` 中设置了 `replicas` 路径的类型。',
    },
    'hpa-replicas-conflict': {
      level: '警告：每次 apply 都会把已扩容的工作负载砍回写死的副本数，高负载下会真实损失容量；但 API 会接受，自动扩缩器随后也会重新扩容。',
      summary:
        'Deployment 或 StatefulSet（或 Argo Rollout 等带副本数的 CRD 工作负载）写了 `spec.replicas`，而工作区中有 HorizontalPodAutoscaler（或 KEDA ScaledObject）在扩缩它。',
      why:
        '副本数归自动扩缩器管：负载高时调高，空闲时调低。清单里同时写着 `spec.replicas` 时，每次 `kubectl apply`（或 GitOps 同步）这个工作负载，' +
        '哪怕只改了镜像，副本数都会被重置成这个值。白天被 HPA 扩到 12 个 Pod 的 Deployment 会立刻降到 3 个，被删掉的 Pod 带走它们的连接，' +
        'HPA 要过几个同步周期才能再扩回来。Kubernetes 文档建议从所有被自动扩缩的工作负载清单中删除 `spec.replicas`。',
      appliesTo: '内置的 Deployment 和 StatefulSet（被 HorizontalPodAutoscaler 或 KEDA ScaledObject 扩缩时）。',
    },
    'pdb-invalid': {
      level: '错误：API Server 会拒绝这个预算，apply 会失败。',
      summary: 'PodDisruptionBudget 同时设置了 `minAvailable` 和 `maxUnavailable`，或者值为负数、超过 100% 的百分比，或不是百分比的字符串。',
      why: '一个预算要么规定被选中的 Pod 至少要有多少个保持可用（`minAvailable`），要么规定最多允许多少个不可用（`maxUnavailable`），不能两者都设。每个值都必须是非负整数或不超过 100% 的百分比。其他写法都会被 API Server 拒绝，于是 apply 失败，本该受保护的 Pod 没有任何预算：一次节点排空就可能把它们全部驱逐。',
    },
    'pdb-missing': {
      level: '提示（info）：没有 PDB 的多副本工作负载只会在自愿中断（排空、升级）时损失可用性，而很多集群的排空本来就足够慢。',
      summary: 'Deployment 或 StatefulSet 运行多个副本，但工作区中没有选中其 Pod 的 PodDisruptionBudget。',
      why:
        '节点排空（集群升级、节点池轮换、集群自动扩缩器移除节点）通过驱逐 API 驱逐 Pod，只有 PodDisruptionBudget 要求时，驱逐才会被挡住。' +
        '没有 PDB 时，排空承载这些副本的节点会一次性驱逐所有副本，服务会一直中断，直到替代 Pod 完成调度、拉取镜像并就绪。' +
        '设置 `maxUnavailable: 1` 的 PDB 能让排空时逐个驱逐副本。工作区中每个文件里的 PDB 都算数，只要它和工作负载在同一个命名空间（工作负载自己写的，或者它所在的 kustomization 设置的）。',
      appliesTo: 'apps/v1 的 Deployment 和 StatefulSet、Argo Rollouts 的 `Rollout`、OpenKruise 的 `CloneSet` 和 Advanced `StatefulSet`。',
    },
    'service-port-mismatch': {
      level: '警告而不是错误：API 会接受这个 Service，到该端口的连接会失败，但 Pod 也可能来自工作区之外的工作负载。',
      summary: 'Service 的具名 `targetPort` 在工作区中其选择器匹配的工作负载里没有任何容器声明。',
      why:
        '构建端点时，具名 targetPort 会在每个被选中 Pod 的容器端口中按名字查找。没有声明这个名字的 Pod 不会出现在该 Service 端口的端点里，' +
        '所以一个 Pod 都没声明时，这个端口就完全没有端点：连接被拒绝或超时，而 `kubectl get pods` 里一切都在运行且就绪。' +
        '常见于 Deployment 改了端口名而 Service 没改，或者反过来。数字形式的 targetPort 不检查：它不需要声明。',
      appliesTo: 'Service；它选中的工作负载可以是任何带 Pod 模板的类型，包括 CRD 工作负载。',
    },
    'pdb-unhealthy-eviction-policy': {
      level: '提示（hint）：默认值只在选中的 Pod 已经不健康时才有影响，而 AlwaysAllow 要由各团队根据自己的数据来决定。',
      summary: 'PodDisruptionBudget 没有设置 `unhealthyPodEvictionPolicy: AlwaysAllow`（Kubernetes 1.27+）。',
      why: '在默认策略（IfHealthyBudget）下，正在运行但未就绪的 Pod 只有在预算仍允许中断时才能被驱逐。当一次错误的发布让 Pod 崩溃重启或一直无法就绪时，预算恰恰被这些 Pod 耗尽，于是每次驱逐都被拒绝（429），`kubectl drain`、节点升级和集群自动扩缩容都会卡在运行这些 Pod 的节点上，直到有人手动删除它们。设置 AlwaysAllow 后，未就绪的 Pod 总是可以被驱逐（它们本来就不提供服务），就绪的 Pod 仍受保护。Kubernetes 文档推荐使用 AlwaysAllow；只有不能失去未就绪成员的工作负载（例如仍在恢复中的存储或仲裁成员）才保留默认值。',
    },
    'prestop-exceeds-grace': {
      level: '警告：SIGTERM 要到宽限期结束时才到达，应用没有时间正常退出；`sleep` 动作超长而被 API Server 拒绝时是错误。',
      summary:
        '容器的 preStop 钩子休眠（`sleep` 动作、`sleep N`，或 `sh -c` 中的 `sleep N`）的时长不短于 Pod 的 `terminationGracePeriodSeconds`（默认 30 秒）。',
      why:
        '宽限期从开始终止的那一刻起计时，preStop 钩子就在宽限期内执行。在默认宽限期 30 秒的 Pod 里，休眠 40 秒的钩子会在 30 秒时被打断，' +
        '这时容器才收到 SIGTERM，而 kubelet 只会再一次性额外宽限 2 秒，随后就发送 SIGKILL：应用根本没有时间排空连接、保存状态。' +
        '`sleep` 动作超过宽限期则更糟，API Server 会直接拒绝这个 Pod（"must be non-negative and less than terminationGracePeriodSeconds"）。' +
        '修复会把 `terminationGracePeriodSeconds` 设为休眠时长加 15 秒，这是应用收到 SIGTERM 后处理完进行中请求的常见预算，请按应用的实际情况调整。',
    },
    'prestop-missing': {
      level:
        '默认是提示（hint）；当工作负载在工作区中某个 Service 之后运行多个 Pod（副本数大于 1、有自动扩缩器或是 DaemonSet）时是提示（info）：滚动更新中断开的连接只对实际承载的流量有影响，大多数没有钩子的服务容器并不会丢失用户能看到的请求。',
      summary: '提供服务的容器（声明了端口，属于 Deployment、StatefulSet、DaemonSet、ReplicaSet 或 ReplicationController）没有 preStop 钩子。',
      why:
        'Pod 被删除时（滚动更新、缩容、节点排空），有两件事同时开始：kubelet 向容器发送 SIGTERM，控制面把 Pod 从 Service 的 EndpointSlice 中摘除。' +
        '各节点上的 kube-proxy、Ingress 控制器和服务网格都是异步得知这一变化的，往往要晚一秒甚至更久，在此期间仍会把新连接发给这个 Pod。' +
        '应用如果一收到 SIGTERM 就停止接受连接，这些连接就会被拒绝或重置：每次滚动更新都会报错。' +
        '让 preStop 钩子休眠几秒，应用就能一直服务到端点摘除生效，钩子结束后才发送 SIGTERM。' +
        '修复会加上 5 秒的休眠（Kubernetes 1.30 起用 `sleep` 动作，更早的版本用 `exec` 执行 `sleep`），远在默认 30 秒的宽限期之内。',
    },
    'probe-handler-count': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: '探针或生命周期钩子没有指定处理器，或者指定了多个（探针可用 exec、httpGet、tcpSocket、grpc，钩子可用 exec、httpGet、tcpSocket、sleep）。',
      why:
        '每个探针和每个 postStart/preStop 钩子只执行恰好一种动作，否则 API Server 会以 "must specify a handler type" 或 ' +
        '"may not specify more than 1 handler type" 拒绝这个 Pod（以及以它为模板的 Deployment、DaemonSet 等；StatefulSet 从 1.34 起才会校验，在此之前它会被接受，但它的 Pod 创建失败）。' +
        '出现两个处理器，常见于 `kubectl apply` 把新的探针类型合并进了旧探针，或者 Chart 在默认值里设置了一种处理器，又在 values 里设置了另一种。',
    },
    'probe-port-not-declared': {
      level: '容器没有声明的端口名是错误：探针永远不会成功。未声明的端口号是警告，因为声明端口是可选的，进程可能确实在那里监听。',
      summary: '探针或生命周期钩子使用了容器没有声明的端口名（错误），或者检查的端口号不在容器声明的端口中（警告）。',
      why:
        'kubelet 在容器自己的 `ports` 列表中解析命名端口。列表中没有这个名字时，每次探测都以出错告终，' +
        '而 kubelet 会丢弃出错的结果（"Prober error, throw away the result"），探针于是一直停留在初始状态：' +
        '就绪探针永远不会通过，Pod 收不到 Service 的流量，滚动更新一直卡到进度期限（默认 600 秒）；' +
        '启动探针永远不会完成，容器永远不会被标记为已启动，其他探针都不会执行，Pod 一直未就绪；' +
        '存活探针永远不会触发，应用卡死也不会被重启。容器不会被重启，也没有 CrashLoopBackOff，只有 "probe errored" 事件能看出问题。' +
        '使用这种端口的 httpGet postStart 钩子会失败，容器会被杀掉。' +
        '容器没有声明的端口号，往往意味着探针检查的是过时的或写错的端口。',
    },
    'probe-port-udp': {
      level: '错误：对只声明为 UDP 的端口做 TCP 检查永远不会成功，探针总是失败。',
      summary: 'tcpSocket、httpGet 或 grpc 探针检查的端口被容器声明为 `protocol: UDP`（按名称或端口号）。',
      why: 'tcpSocket 探针会建立 TCP 连接，httpGet 和 grpc 探针也通过 TCP 发送请求。在 UDP 端口上监听的进程（DNS、syslog、StatsD、QUIC）不会在该端口接受 TCP 连接，因此每次检查都会失败：存活探针会不停地重启容器，启动探针让容器永远无法完成启动，就绪探针让 Pod 永远进不了 Service，滚动更新也会卡住。UDP 服务需要使用 exec 探针（或单独提供一个 TCP 健康检查端口）。',
    },
    'probe-success-threshold': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: '存活探针或启动探针的 `successThreshold` 不是 1。',
      why:
        '存活探针和启动探针在第一次成功时就采取行动（容器存活，或已启动完成），因此 API 对它们只接受 `successThreshold` 为 1，否则以 "must be 1" 拒绝这个 Pod。' +
        '只有就绪探针可以要求连续成功多次，Pod 才重新接收流量。显式写成 0 会被默认为 1，可以通过。',
    },
    'probe-timeout-exceeds-period': {
      level: '警告：探针仍然有效，但发现失败的速度比配置看起来的慢好几倍。',
      summary: '探针等待响应的时间（`timeoutSeconds`）比两次检查之间的间隔（`periodSeconds`）还长（已应用默认值）。',
      why:
        'kubelet 对同一个探针一次只执行一个检查：上一次检查结束后，在 `periodSeconds` 定时器的下一个节拍才启动下一次检查。' +
        '因此，一次卡到超时的检查（超时又比间隔长）会把后面所有检查往后推，探针实际上变成每 `timeoutSeconds` 执行一次：' +
        '`periodSeconds` 为 5、`timeoutSeconds` 为 20、`failureThreshold` 为 3 时，卡死的服务要约 60 秒才被发现，而不是 15 秒。' +
        '超时等于间隔的情况不会报告：下一次检查仍会按时开始。',
    },
    'progress-deadline-not-greater': {
      level: '错误：API Server（或 Argo Rollouts 控制器）会拒绝这个 spec，什么都不会发布。',
      summary: 'Deployment 的 `progressDeadlineSeconds`（默认 600）不大于 `minReadySeconds`。',
      why:
        '新 Pod 就绪并持续 `minReadySeconds` 之后才算作可用；Deployment 在 `progressDeadlineSeconds` 内没有进展时会被标记为失败（ProgressDeadlineExceeded）。' +
        '期限不比最短就绪时间长，就永远不可能达成，因此 API Server 会拒绝这个 Deployment（"must be greater than minReadySeconds"）。' +
        '期限默认为 600 秒，所以单是把 `minReadySeconds` 设为 600 或更大就足以被拒绝。',
      appliesTo:
        'apps/v1 的 Deployment，以及 Argo Rollouts 的 `Rollout`（其控制器的 ValidateRolloutSpec 做同样的检查、使用同样的默认值；Rollout 会被标记为 InvalidSpec，而不是被拒绝）。',
    },
    'qos-guaranteed-broken': {
      level: '警告：所有应用容器都在按 Guaranteed 配置，失去它几乎肯定不是有意的，而且会影响 CPU 独占和驱逐顺序；Pod 仍能运行。',
      summary: '所有应用容器都把 CPU 和内存限制设为与请求相等（Guaranteed QoS 类别），但某个 Init 容器或原生边车容器没有这样设置，因此 Pod 只是 Burstable。',
      why: '只有当每个容器（包括 Init 容器和边车容器）都把 CPU 和内存限制设为与请求相等时，Kubernetes 才会给 Pod 分配 Guaranteed QoS 类别。只要有一个 Init 容器没有设置资源（数据库迁移、istio-init、等待脚本），整个 Pod 就会变成 Burstable。Pod 因此失去选择 Guaranteed 的初衷：在 static CPU 管理策略下得不到独占 CPU，OOM 评分也不再最低，内存紧张时 kubelet 会先于 Guaranteed Pod 驱逐它，内核也会更早杀掉它。（命名空间里带默认限制的 LimitRange 可能会在准入时补上缺口，这个规则看不到它。）',
    },
    'readiness-probe-missing': {
      level: '警告：没有就绪探针时，滚动更新会在 Pod 一启动就把它算作可用，`maxUnavailable` 形同虚设，Service 也会把流量发给还无法响应的 Pod。',
      summary: 'Deployment、StatefulSet、DaemonSet、ReplicaSet 或 ReplicationController 中的应用容器声明了端口，但没有配置就绪探针。',
      why:
        '没有就绪探针时，容器进程一启动就被视为就绪。滚动更新会在每个新 Pod 运行起来后立即继续推进' +
        '（按默认的 maxUnavailable 25% 和 maxSurge 25%，4 个副本的 Deployment 几秒内就会替换掉所有 Pod），' +
        'Service 会把请求发给仍在加载缓存或建立连接的 Pod，它们在准备好之前只会返回连接被拒绝或 503。',
    },
    'readiness-termination-grace': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary: '就绪探针设置了 `terminationGracePeriodSeconds`。',
      why:
        '探针级的 `terminationGracePeriodSeconds` 会在存活探针或启动探针失败、容器被杀掉时取代 Pod 的宽限期。' +
        '就绪探针从不杀掉任何东西，这个字段在那里没有意义，API Server 会以 "must not be set for readinessProbes" 拒绝这个 Pod。' +
        '它通常是从存活探针的配置里复制过来的。',
    },
    'recreate-strategy': {
      level: '提示（info）：Recreate 往往是有意选择的（ReadWriteOnce 存储卷、单一写入者），每次更新时的停机是已知的代价。',
      summary: 'Deployment 使用 `Recreate` 策略，每次更新都会停机。',
      why:
        '使用 `type: Recreate` 时，Deployment 控制器会把旧 ReplicaSet 缩容到 0，等它的所有 Pod 都终止后，才创建第一个新 Pod。' +
        '在整个停止过程（最长为 `terminationGracePeriodSeconds`，默认 30 秒）加上新 Pod 拉取镜像、启动和就绪的时间里，没有任何 Pod 在提供服务。' +
        '有时确实需要这样（ReadWriteOnce 卷、不能新旧两个版本同时运行的应用）；否则，默认的 RollingUpdate 策略能在更新期间持续提供服务。',
      appliesTo: '仅内置的 Deployment。OpenKruise CloneSet 的 `ReCreate` 更新类型仍在 maxUnavailable 的限制内逐步替换 Pod，不会报告。',
    },
    'removed-api-version': {
      level: '错误：目标版本的 API Server 不再提供这个 API 版本，apply 会失败。',
      summary:
        '内置资源类型的 apiVersion 在目标 Kubernetes 版本中已不再提供（extensions/v1beta1 Deployment、policy/v1beta1 PodDisruptionBudget、batch/v1beta1 CronJob、autoscaling/v2beta2 HorizontalPodAutoscaler 等）。',
      why: 'Kubernetes 会在替代版本 GA 若干个版本之后移除 beta API 版本。从那以后，API Server 不再认识该版本下的这种资源（`no matches for kind "Deployment" in version "extensions/v1beta1"`），`kubectl apply`、Helm 和 GitOps 工具会在整个清单上失败，滚动更新根本不会开始，而且往往是在集群升级之后才暴露。大多数替代版本可以原样接受对象；少数需要改动的不止 apiVersion（apps/v1 必须设置 `selector`，Ingress 的后端字段改了写法，PodDisruptionBudget 空选择器的含义也变了）。',
    },
    'rolling-update-invalid-value': {
      level: '错误：API Server（或 OpenKruise 的 Webhook）会拒绝这个对象。',
      summary: '滚动更新的 `maxSurge` 或 `maxUnavailable` 为负数、超过 100%，或者是不合法的百分比字符串（"5"、"20Percent"、"25 %"）。',
      why:
        '`maxSurge` 和 `maxUnavailable` 接受整数，或由数字加 "%" 组成的字符串，其他写法都会被 API Server 拒绝：' +
        '`"5"`（带引号的数字是字符串，又不是百分比）、`"-10%"`、`"25 %"`、负整数，以及 `maxUnavailable`（和 DaemonSet 的 `maxSurge`）超过 100% 的百分比。' +
        'StatefulSet 的 `maxUnavailable` 还不能为 0；只有在开启了 MaxUnavailableStatefulSet 特性的集群上（1.35.0–1.35.3 以及 1.37 起默认开启）才会校验该字段，' +
        '其他集群会静默丢弃它。',
      appliesTo:
        'apps/v1 的 Deployment、DaemonSet 和 StatefulSet，以及 OpenKruise 的 `CloneSet`（其 Webhook 要求 maxSurge、maxUnavailable 和 partition 的字符串值以 % 结尾）。不包括 Argo Rollouts：它的控制器把不带 % 的字符串当作百分比，不会拒绝。',
    },
    'rolling-update-zero-surge-and-unavailable': {
      level: '错误：API Server（或 Argo Rollouts 控制器、OpenKruise 的 Webhook）会拒绝这个对象。',
      summary: 'Deployment 滚动更新的 `maxSurge` 和 `maxUnavailable` 都为 0，或者 DaemonSet 滚动更新的两者都为 0 或都不为 0。',
      why:
        '`maxSurge` 和 `maxUnavailable` 都为 0 时，滚动更新既不能新增新 Pod，也不能移除旧 Pod，' +
        '因此 API Server 会拒绝这个 Deployment（"may not be 0 when `maxSurge` is 0"）或 DaemonSet（"cannot be 0 when maxSurge is 0"）。' +
        '校验比较的是写出来的值：`0` 和 `"0%"` 都算 0，而只是取整后为 0 的百分比（3 个副本的 10%）可以通过，Deployment 控制器随后会允许 1 个 Pod 不可用。' +
        'DaemonSet 必须恰好设置两者之一：它的 `maxUnavailable` 默认为 1，所以只写 `maxSurge: 1` 会被拒绝（"may not be set when maxUnavailable is non-zero"）。',
      appliesTo:
        'apps/v1 的 Deployment 和 DaemonSet；使用金丝雀策略的 Argo Rollouts `Rollout`（同样检查写出的 0 值，"MaxSurge and MaxUnavailable both can not be zero"）；OpenKruise 的 `CloneSet`（两者向上取整后都不到 1 个 Pod；默认 maxUnavailable 为 20%，maxSurge 为 0）。',
    },
    'selector-mismatch': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary:
        'Deployment、ReplicaSet、StatefulSet、DaemonSet 或 ReplicationController 的选择器与其 Pod 模板的标签不匹配，或者（apps/v1）缺少选择器或选择器为空。',
      why:
        '控制器通过选择器找到自己的 Pod。如果选择器与它创建的 Pod 的标签不匹配，它就会不停地创建 Pod，却永远数不到它们，' +
        '因此 API Server 会拒绝这个对象（"`selector` does not match template `labels`"）。在 apps/v1 中选择器是必填的，而且不能为空；' +
        '它在创建后也不可修改，所以对于已在运行的对象，应修改模板的标签，而不是选择器。没有选择器的 ReplicationController 会使用其模板的标签。',
      appliesTo: '内置的 apps/v1 Deployment、ReplicaSet、StatefulSet、DaemonSet，以及 ReplicationController。',
    },
    'shell-pid1-no-exec': {
      level: '当 shell 肯定一直是 PID 1 时为警告（每次关闭都要等满宽限期并杀掉应用）；当是否 exec 最后一条命令取决于 shell 时为提示（info）。',
      summary: '应用容器或原生边车容器用 `sh -c` / `bash -c` 运行包含多条命令（`;`、`&&`、`||`、`|`、换行）的脚本，且最后一条命令没有用 `exec` 启动。',
      why:
        'Pod 停止时，容器运行时只向容器的 PID 1 发送 SIGTERM。如果 PID 1 是 shell、应用只是它的子进程，信号就到不了应用：' +
        '非交互式 shell 不会安装 SIGTERM 处理程序，而对 PID 命名空间的 init 进程，内核会丢弃没有处理程序的信号。' +
        '应用会一直运行到宽限期（默认 30 秒）结束，然后被 SIGKILL 杀掉：滚动更新和节点排空每个 Pod 都要等 30 秒，进行中的请求被切断，数据也来不及落盘。' +
        'shell 是否会用 `-c` 脚本的最后一条命令替换自身，取决于 shell 及其版本（dash 和 busybox ash 对最后一条简单命令会这样做，' +
        'bash 从 5.1 起对 `a && b` 和 `a; b` 会这样做，更老的 bash 只在最后一行没有重定向时才会，有些发行版的构建则从来不会）；' +
        '结尾是管道、循环、`wait` 或内建命令时，shell 总会留作 PID 1。`exec app` 在任何情况下都能让应用成为 PID 1。' +
        '只有一条简单命令的脚本（`sh -c "app --flag"`）不会报告，用 trap 捕获 TERM 并转发的脚本和运行至完成的普通 Init 容器也不会。' +
        'Job 和 CronJob 只检查原生边车容器：Job 完成时，kubelet 会用 SIGTERM 停止它们。',
    },
    'sidecar-no-startup-probe': {
      level: '提示（info）：只有应用在第一个请求时就依赖边车容器，这个竞争才有影响，而很多应用会重试。',
      summary: '原生边车容器声明了端口，但没有配置 `startupProbe`。',
      why:
        '原生边车容器一启动（配置了启动探针时，则是启动探针成功后），kubelet 就会启动下一个 Init 容器，最后启动应用容器。' +
        '没有启动探针时，应用可能已经启动，并开始通过代理或向本地服务发请求，而对方还没开始监听。',
    },
    'sidecar-shutdown-budget': {
      level: '警告：每次关闭时，边车容器都会在自己的 preStop 结束前被杀掉，切断它为应用承载的流量。',
      summary: '原生边车容器的 preStop 暂停时间加上应用容器中最长的 preStop 暂停时间，超过了 `terminationGracePeriodSeconds`（默认 30 秒）。',
      why: '带有原生边车容器的 Pod 终止时，kubelet 会同时执行所有 preStop 钩子（包括边车容器的），然后等每个应用容器都退出后才向边车容器发送 SIGTERM，边车容器再按相反顺序停止。整个过程共用一个宽限期。边车容器在 preStop 中暂停，通常是希望它比应用多存活这么久（代理排空连接、日志采集器刷写日志），但它要等应用的 preStop 暂停和关闭都结束后才收到 SIGTERM，只能用应用剩下的时间。当两段暂停加起来超过宽限期时，剩下的时间就少于它自己的暂停所预留的时间：它可能在排空途中就被杀掉（最坏情况下只有 2 秒的最短时间，或者在宽限期用完时和其他容器一起被杀掉），应用最后的请求或日志可能因此丢失。',
    },
    'sidecar-unsupported-version': {
      level: '警告：Pod 仍能运行，但边车容器会成为必须先退出的普通 Init 容器；当这导致 Pod 被拒绝或卡住时为错误。',
      summary: 'Init 容器设置了 `restartPolicy: Always`（即原生边车容器），但目标 Kubernetes 版本低于 1.29：它永不退出或带有探针或钩子时为错误。',
      why:
        '原生边车容器依赖 SidecarContainers 特性：1.28 为 alpha 且默认关闭，1.29 起默认开启（beta），1.33 GA。' +
        '在 1.28 上，API Server 会静默丢弃该字段（pkg/api/pod/util.go 中的 dropDisabledFields）。1.28 之前该字段是未知字段：kubectl 的严格字段校验（默认开启）会拒绝这个对象（"unknown field"），' +
        '不做校验的客户端则会把它丢弃。字段被丢弃后，边车容器会作为普通 Init 容器运行：如果它永不退出，Pod 就永远启动不起来；' +
        '如果它带有探针或生命周期钩子，API Server 会拒绝这个 Pod，因为普通 Init 容器不能设置它们。',
    },
    'single-replica-unavailable': {
      level: '警告：这样每次滚动更新都会让整个工作负载停机，直到新 Pod 就绪。',
      summary: 'Deployment 的滚动更新允许不可用的 Pod 数与副本数相同，一次更新就可能停掉所有 Pod。',
      why:
        'Deployment 控制器缩容旧 Pod 时，会保证至少 `replicas - maxUnavailable` 个 Pod 可用，其中百分比形式的 `maxUnavailable` 向下取整，`maxSurge` 向上取整。' +
        '当 `maxUnavailable` 算出来等于副本数时（1 个副本时 `maxUnavailable` 为 1，或任意副本数下为 100%），就没有 Pod 必须保持运行：' +
        '所有旧 Pod 都会在任何新 Pod 就绪之前被停掉，服务会一直中断到新 Pod 启动完成。' +
        '还有一种更隐蔽的情况：`maxSurge` 为 0，且百分比取整后为 0（1 个副本的 25%），控制器仍会允许 1 个 Pod 不可用，而对单副本来说这就是全部。' +
        '默认值（25% / 25%）能保持一个副本在线：0 个不可用，1 个超额 Pod。',
      appliesTo: '仅 apps/v1 的 Deployment。',
    },
    'sleep-action-unsupported': {
      level: '错误：API Server 会拒绝这个 Pod，或者静默丢弃钩子，让 Pod 在没有它的情况下运行。',
      summary:
        'postStart 或 preStop 钩子使用了目标 Kubernetes 版本会丢弃或拒绝的 `sleep` 动作：版本低于 1.30，在 1.33 之前设置 `seconds: 0`，或者（postStart）时长超过宽限期。',
      why:
        '`sleep` 处理器（PodLifecycleSleepAction）从 1.30 起默认开启。在 1.29 上该特性门控默认关闭，API Server 会静默丢弃整个钩子' +
        '（没有剩下的钩子时连同 `lifecycle` 一起丢弃）并接受这个 Pod：Pod 运行时根本没有 preStop，每次滚动更新时 Service 仍在转发流量，容器就已收到 SIGTERM，进行中的请求会失败。' +
        '更老的版本根本不认识这个字段：严格字段校验（kubectl 默认）会当作未知字段拒绝；客户端丢弃该字段时，钩子就没有了处理器，API Server 会拒绝它（"must specify a handler type"）。' +
        '在 1.33（PodLifecycleSleepActionAllowZero）之前，`seconds` 必须大于 0，而且在任何版本中都不能超过 Pod 的 `terminationGracePeriodSeconds`；' +
        'API Server 会拒绝这样的 Pod，或以它为模板的 Deployment、DaemonSet 或 Job（StatefulSet 的 Pod 模板从 1.34 起才会校验：在此之前 StatefulSet 会被接受，但它的 Pod 创建失败）。',
    },
    'startup-exceeds-progress-deadline': {
      level: '警告：只有启动慢到探针允许的上限时，滚动更新才会被判定失败，但失败的 rollout status 会打断部署流水线。',
      summary: 'Deployment 的启动探针预算（initialDelaySeconds + failureThreshold × periodSeconds）达到了它的 `progressDeadlineSeconds`（默认 600）。',
      why:
        '启动探针规定了容器最多可以花多长时间启动，超过就会被重启。新 Pod 启动期间，滚动更新没有进展：Deployment 控制器只在 Pod 被创建或移除、变为就绪或可用时才记为进展，从新 Pod 创建到它第一次就绪之间什么也不会发生。' +
        '如果探针允许的启动时间达到 `progressDeadlineSeconds`，一次缓慢但正常的滚动更新就会被标记为失败（Progressing=False，原因 ProgressDeadlineExceeded），' +
        '`kubectl rollout status` 以非零状态退出，导致 CI 流水线失败、部署工具触发回滚，尽管这些 Pod 本来是能起来的。（`minReadySeconds` 不会累加进来：就绪本身就算一次进展，而且 API Server 已经要求期限大于 `minReadySeconds`。）',
    },
    'statefulset-ondelete': {
      level: '提示（info）：OnDelete 是为手动升级而有意做出的选择；这个提示是给以为模板变更会自动发布的人的。',
      summary: 'StatefulSet 或 DaemonSet 使用 `updateStrategy: OnDelete`，修改 Pod 模板不会更新正在运行的 Pod。',
      why:
        '使用 OnDelete 时，控制器只在旧 Pod 被删除（手动删除或被驱逐）时才按新模板创建 Pod。用新镜像执行 `kubectl apply` 会报告成功，' +
        '但所有运行中的 Pod 仍保持旧配置，可能长达数月，直到有人把 Pod 一个个删掉。' +
        '默认的 RollingUpdate 策略会自动逐个替换它们（或同时最多 `maxUnavailable` 个），并等待每个新 Pod 就绪。',
      appliesTo: '仅内置的 StatefulSet 和 DaemonSet。',
    },
    'template-restart-policy': {
      level: '错误：API Server 会拒绝这个对象，apply 会失败。',
      summary:
        'Pod 模板的 `restartPolicy` 会被其控制器拒绝：在 Deployment、StatefulSet、DaemonSet、ReplicaSet 或 ReplicationController 中不是 Always，' +
        '或者在 Job 或 CronJob 中为 Always（或未设置，即默认为 Always）。',
      why:
        '让 Pod 持续运行的控制器只在 Pod 消失后才替换它，所以这些 Pod 必须原地重启容器：API Server 在它们的模板中只接受 `restartPolicy: Always`' +
        '（"Unsupported value: \\"OnFailure\\": supported values: \\"Always\\""）。Job 的 Pod 本来就是要运行结束的，' +
        '因此 Job（以及 CronJob 的 Job 模板）只接受 OnFailure 或 Never；没有设置 `restartPolicy` 的模板会被默认为 Always，同样被拒绝。' +
        '设置了 `podFailurePolicy` 时只接受 Never。',
    },
    'termination-grace-zero': {
      level: '警告：API 会接受，但每次关闭都等于直接杀掉；对 StatefulSet 是错误，因为两个身份相同的 Pod 可能写入同一份数据。',
      summary: 'Pod 模板设置了 `terminationGracePeriodSeconds: 0`（StatefulSet 中为错误）。',
      why:
        '宽限期为 0 时，普通的 `kubectl delete`、滚动更新或节点排空都会立即把 Pod 从 API Server 中移除，与 `--force --grace-period=0` 完全一样：不会等待 kubelet。' +
        '替代 Pod 也可以立即启动。在节点上，kubelet 会把宽限期提高到 1 秒：preStop 钩子最多只有这 1 秒，随后发送 SIGTERM，再过 2 秒（kubelet 的下限）发送 SIGKILL，' +
        '容器约 3 秒（而不是 30 秒）内就会停止，应用无法排空连接或落盘数据。' +
        '对 StatefulSet 来说，这会破坏它"同一标识最多一个 Pod"的保证：旧进程可能还在运行，名字就已经释放，控制器会在旁边启动一个使用相同标识和存储卷的替代 Pod。' +
        'Kubernetes 文档称这种做法"不安全，强烈不建议"（"unsafe and strongly discouraged"）。',
    },
  },
  engine: {
    yamlSyntax: 'YAML 语法错误：{message}',
    duplicateKey: '重复的键 "{key}"：启用严格字段校验时（kubectl 默认启用）API Server 会拒绝该对象；不启用时，其中一个值会被静默丢弃。',
    fileTooLarge: '文件超过 {size} MiB，kube-graceful 不做分析（设置项 `kubeGraceful.maxFileSize`）。',
    analysisLimit: '分析在 {ms} 毫秒 / {nodes} 个节点后停止：{reason}。下面只显示已得出的结果。',
    limitNodes: '别名和合并键展开后的工作量超出上限',
    limitTime: '已用完时间预算',
    limitDocuments: '还有 {count} 个文档未分析',
  },
  actions: {
    showDocs: '查看 {rule} 的说明文档',
    fixAll: '修复 kube-graceful 发现的全部问题（{count} 处）',
    disableObject: '对此对象禁用 {rule}',
    disableLine: '对此行禁用 {rule}',
  },
  hover,
};

const zhDuration = (s: number): string => {
  if (s < 120) return `${s} 秒`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h > 0 ? `${h} 小时` : '', m > 0 ? `${m} 分` : '', rest > 0 ? `${rest} 秒` : ''].filter(Boolean).join(' ');
};

/** The lifecycle timelines, CodeLens titles and inlay hints (l10n/lifecycle-text.ts). */
export const LIFECYCLE_ZH: LifecycleTexts = {
  duration: zhDuration,
  lensStart: (b, open, never) => (never ? '启动：永不完成（有 Init 容器不会退出）' : `启动 ≤ ${b}${open ? ' + Init 容器运行时间' : ''}`),
  lensStop: (b) => `停止 ≤ ${b}`,
  lensRollout: (n, kind) => (kind === 'OnDelete' ? '仅在删除时更新' : kind === 'DaemonSet' ? '逐节点滚动更新' : `滚动更新最多 ${n} 个 Pod`),
  lensSeparator: ' · ',
  headings: { startup: '启动', shutdown: '停止', rollout: '滚动更新', pod: 'Pod' },
  bars: {
    init: 'Init 容器：运行至完成（运行时间未知）',
    initNeverExits: 'Init 容器：永不退出，Pod 永远无法启动',
    sidecar: '原生边车容器：从这里启动，在 Pod 的整个生命周期内运行',
    startupWindow: '启动探针：从这里起可能成功，直到重启点',
    readinessDelay: '就绪探针：initialDelaySeconds（从容器启动时算起）',
    ready: '就绪',
    minReady: 'minReadySeconds：已就绪但尚未计为可用',
    endpoints: '从 Service 端点中摘除（异步进行）',
    preStop: '执行 preStop 钩子',
    afterSigterm: 'SIGTERM：应用自行关闭',
    extension: 'SIGTERM 之后 kubelet 至少保留的 2 秒',
    sidecarStop: '边车容器在应用容器之后停止',
  },
  marks: {
    containerStart: '容器启动',
    earliestReady: '最早就绪',
    restart: '启动探针仍未成功则重启',
    podReady: 'Pod 就绪',
    available: 'Pod 可用',
    sigterm: 'SIGTERM',
    sigkill: 'SIGKILL',
    podGone: '所有容器均已停止',
  },
  actions: { start: '开始前', scaleUp: '扩容新版本', scaleDown: '缩容旧版本', ready: '新 Pod 可用', delete: '删除旧 Pod', create: '创建新 Pod' },
  columns: { step: '步骤', newPods: '新', oldPods: '旧', total: '总数', available: '可用', terminating: '终止中' },
  setBy: (p) => `由 ${p} 决定`,
  unknownEnd: '结束时间未知',
  startupSummary: (b, open, never, minReady) =>
    never
      ? '有 Init 容器永不退出：应用容器永远不会启动。'
      : `Pod 启动后 ${b} 内就绪并可用${open ? '，另加 Init 容器自身的运行时间' : ''}${minReady > 0 ? `（含 minReadySeconds ${minReady} 秒）` : ''}。`,
  shutdownSummary: (g, b) => `宽限期 ${g} 秒；开始终止后 ${b} 内所有容器都会停止。`,
  pdb: (name, healthy, allowed) =>
    `PodDisruptionBudget ${name}：至少 ${healthy} 个 Pod 必须保持可用，因此一次最多驱逐 ${allowed} 个${allowed === 0 ? '（节点排空会卡住）' : ''}。`,
  rolloutSummary: (kind, r, max, min, surge, unavailable) =>
    kind === 'Recreate'
      ? `Recreate：全部 ${r} 个旧 Pod 停止后才启动新 Pod（会中断服务）。`
      : kind === 'StatefulSet'
        ? `${r} 个副本，从最大序号开始每次更新 ${unavailable} 个：至少 ${min} 个可用，最多 ${max} 个 Pod。`
        : `${r} 个副本，maxSurge → ${surge}，maxUnavailable → ${unavailable}：最多 ${max} 个 Pod，至少 ${min} 个可用。`,
  rolloutWorstCase: (waves, w) => (w === undefined ? `共 ${waves} 批新 Pod；时间没有上限（启动永不完成）。` : `共 ${waves} 批新 Pod：最坏情况 ≤ ${w}。`),
  rolloutDeadline: (d) => `一批可能超过 progressDeadlineSeconds（${d} 秒）：Deployment 会把这次滚动更新报告为失败。`,
  rolloutInvalid: 'maxSurge 和 maxUnavailable 都是 0：API 服务器会拒绝这个 Deployment。',
  rolloutOnDelete: 'OnDelete：只有删除 Pod 时才会替换。',
  rolloutNone: '这种类型没有控制器负责滚动更新。',
  rolloutPartition: (p, r) => `partition ${p}：更新 Pod ${p}…${r - 1}，更小序号的 Pod 保持旧版本。`,
  rolloutPerNode: (surge, unavailable) => `逐节点更新（maxSurge ${surge}，maxUnavailable ${unavailable}；百分比按节点数向上取整）。下表只展示一个节点。`,
  rolloutTerminating: '终止中的 Pod 不计入 maxSurge：旧 Pod 关闭期间，Pod 总数可能超过上限。',
  rolloutTruncated: '只列出了前面的步骤。',
  hintRestartAfter: (s) => `⟶ ${s} 秒后重启`,
  hintDetect: (what, a, b) => `⟶ 失败 ${a}–${b} 秒后${what === 'restart' ? '重启' : '摘除'}`,
  hintSigkill: (s, ext) => `⟶ 第 ${s} 秒 SIGKILL${ext ? '（至少 2 秒）' : ''}`,
  hintSigterm: (s) => `⟶ 第 ${s} 秒 SIGTERM`,
  hintPods: (n) => `⟶ ${n} 个 Pod`,
  hintEarliestReady: (s) => `⟶ 最早 ${s} 秒就绪`,
};
