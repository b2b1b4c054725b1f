// The Simplified Chinese translation is complete and says the same thing: every rule message with the same
// placeholders, every rule's docs, the extension manifest and runtime strings, hovers with the computed figures,
// and analysis results in Chinese when the locale asks for it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { translation } from '../../server/src/l10n';
import { SCHEMA_MESSAGES } from '../../server/src/k8s/schema';
import { RULES } from '../../server/src/rules';
import { analyse, DEFAULT_OPTIONS } from '../../server/src/engine/analyze';
import { doHover } from '../../server/src/features/hover';
import { hoverTexts } from '../../server/src/l10n/hover-text';
import { Locale } from '../../server/src/l10n/locale';
import { NEWEST, parseVersion } from '../../server/src/k8s/versions';

const root = join(__dirname, '..', '..', '..');
const zh = translation('zh-cn');

/** Hovers at the `‸` in the text (the marker is removed first); as in hover.test.ts. */
function hoverAt(marked: string, locale: Locale = 'en', version = NEWEST): string | undefined {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'the text needs a ‸ marker');
  return doHover(marked.replace('‸', ''), offset, version, locale)?.markdown;
}

/** The distinct `{name}` / `{0}` placeholders of a template, sorted. */
function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

const CJK = /[\u4e00-\u9fff]/;

/** ASCII punctuation touching Chinese text outside code spans: Chinese sentences use ，。：；（）. */
function asciiPunctuationInChinese(text: string): string | undefined {
  const prose = text.replace(/`[^`]*`/g, '`code`');
  return prose.match(/[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]|[\u4e00-\u9fff]\.(?!\.)/)?.[0];
}

function readJson(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, string>;
}

const deployment = (spec: string, template = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
${spec}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
${template || '      containers:\n        - {name: app, image: a}'}
`;

describe('zh-cn: rule messages and docs', () => {
  it('exists', () => assert.ok(zh));

  for (const rule of RULES) {
    const { id, messages } = rule.meta;
    describe(id, () => {
      for (const [messageId, english] of Object.entries(messages)) {
        it(`translates ${messageId} with the same placeholders`, () => {
          const chinese = zh?.messages[`${id}.${messageId}`];
          assert.ok(chinese, `no zh-cn message for ${id}.${messageId}`);
          assert.match(chinese, CJK);
          assert.deepEqual(placeholders(chinese), placeholders(english), `${id}.${messageId}`);
          assert.equal(asciiPunctuationInChinese(chinese), undefined, chinese);
        });
      }

      it('has docs: summary and why in Chinese', () => {
        const docs = zh?.docs[id];
        assert.ok(docs, `no zh-cn docs for ${id}`);
        for (const text of [docs.summary, docs.why]) {
          assert.match(text, CJK);
          assert.ok(text.length >= 10, text);
          assert.equal(asciiPunctuationInChinese(text), undefined, text);
        }
      });
    });
  }

  it('translates every schema message with the same placeholders', () => {
    for (const [id, english] of Object.entries(SCHEMA_MESSAGES)) {
      const chinese = zh?.messages[`schema.${id}`];
      assert.ok(chinese, `schema.${id} is translated`);
      assert.deepEqual(placeholders(chinese), placeholders(english), `schema.${id}`);
    }
  });

  it('has no keys for rules or messages that do not exist', () => {
    const known = new Set([
      ...RULES.flatMap((r) => Object.keys(r.meta.messages).map((m) => `${r.meta.id}.${m}`)),
      ...Object.keys(SCHEMA_MESSAGES).map((m) => `schema.${m}`),
    ]);
    assert.deepEqual(
      Object.keys(zh?.messages ?? {}).filter((k) => !known.has(k)),
      [],
    );
    const ids = new Set(RULES.map((r) => r.meta.id));
    assert.deepEqual(
      Object.keys(zh?.docs ?? {}).filter((k) => !ids.has(k)),
      [],
    );
  });

  it('translates the engine messages with the same placeholders', () => {
    assert.deepEqual(placeholders(zh?.engine.yamlSyntax ?? ''), ['message']);
    assert.deepEqual(placeholders(zh?.engine.duplicateKey ?? ''), ['key']);
    assert.deepEqual(placeholders(zh?.engine.fileTooLarge ?? ''), ['size']);
    for (const text of Object.values(zh?.engine ?? {})) assert.equal(asciiPunctuationInChinese(text), undefined, text);
  });
});

describe('zh-cn: extension manifest and runtime strings', () => {
  it('package.nls.zh-cn.json has exactly the keys of package.nls.json', () => {
    const en = readJson('package.nls.json');
    const cn = readJson('package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(cn).sort(), Object.keys(en).sort());
    for (const [key, value] of Object.entries(cn)) {
      assert.ok(value.trim().length > 0, key);
      assert.deepEqual(placeholders(value), placeholders(en[key] ?? ''), key);
      assert.equal(asciiPunctuationInChinese(value), undefined, value);
    }
  });

  it('the bundle translates every vscode.l10n.t string of the client, and nothing else', () => {
    const source = readdirSync(join(root, 'client/src'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'client/src', f), 'utf8'))
      .join('\n');
    const strings = new Set(
      [...source.matchAll(/vscode\.l10n\.t\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)"|`((?:\\.|[^`\\$])*)`)/g)].map((m) =>
        (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'),
      ),
    );
    assert.ok(strings.size > 0, 'found no vscode.l10n.t strings');
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
    for (const english of strings) {
      const chinese = bundle[english];
      assert.ok(chinese, `not in l10n/bundle.l10n.zh-cn.json: ${english}`);
      assert.match(chinese, CJK);
      assert.deepEqual(placeholders(chinese), placeholders(english), english);
      assert.equal(asciiPunctuationInChinese(chinese), undefined, chinese);
    }
    assert.deepEqual(
      Object.keys(bundle).filter((k) => !strings.has(k)),
      [],
    );
  });
});

describe('zh-cn: hovers', () => {
  it('translates every hover field', () => {
    const en = hoverTexts('en');
    const cn = zh?.hover;
    assert.ok(cn && cn !== en);
    assert.deepEqual(Object.keys(cn.fields).sort(), Object.keys(en.fields).sort());
    for (const text of Object.values(cn.fields)) {
      assert.match(text, CJK);
      assert.equal(asciiPunctuationInChinese(text), undefined, text);
    }
    assert.equal(hoverTexts('zh-cn'), cn);
  });

  it('startupProbe with defaults: 0 + 3 × 10 = 30 秒', () => {
    const h =
      hoverAt(
        deployment('  replicas: 2', '      containers:\n        - name: app\n          image: a\n          ‸startupProbe: {httpGet: {path: /, port: 80}}'),
        'zh-cn',
      ) ?? '';
    assert.match(h, /\*\*startupProbe\*\*/);
    assert.match(h, /\*\*最长启动时间：\*\* initialDelaySeconds \+ failureThreshold × periodSeconds = 0 \+ 3 × 10 = \*\*30 秒\*\*，超过即重启容器。/);
    assert.match(h, /\[Kubernetes 文档\]\(https:\/\/kubernetes\.io\//);
  });

  it('a probe field: default and current value in 秒, removal window', () => {
    const h =
      hoverAt(
        `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: a
      startupProbe: {exec: {command: ["true"]}}
      readinessProbe:
        exec: {command: ["true"]}
        ‸periodSeconds: 2
        initialDelaySeconds: 4
        successThreshold: 2
`,
        'zh-cn',
      ) ?? '';
    assert.match(h, /默认值：10 秒。当前值：2 秒。/);
    assert.match(
      h,
      /\*\*最早就绪：\*\* 启动探针成功之后，且不早于容器启动后 6 秒（两者中较晚的时刻之后，还需每 2 秒一次、连续成功 2 次）。initialDelaySeconds 从容器启动时起算/,
    );
    assert.match(h, /\*\*从端点中摘除：\*\* 应用停止响应后 4–6 秒（连续失败 3 次，每 2 秒探测一次，每次最多等待 1 秒）。/);
  });

  it('the shutdown timeline with a preStop sleep and an explicit grace period', () => {
    const h =
      hoverAt(
        deployment(
          '',
          '      ‸terminationGracePeriodSeconds: 45\n      containers:\n        - name: app\n          image: a\n          lifecycle:\n            preStop: {sleep: {seconds: 10}}',
        ),
        'zh-cn',
      ) ?? '';
    assert.match(h, /默认值：30 秒。当前值：45 秒。/);
    assert.match(h, /\*\*优雅终止时间线\*\*/);
    assert.match(h, /\| 时间 \| 发生的事 \|/);
    assert.match(h, /\| 0 (s|秒) \| Pod 进入 Terminating 状态：它的端点被标记为未就绪，Service 不再向它转发新连接（异步进行）；开始执行 preStop（10 秒） \|/);
    assert.match(h, /\| 10 (s|秒) \| preStop 结束；向容器发送 SIGTERM \|/);
    assert.match(h, /\| 45 (s|秒) \| 若仍在运行则发送 SIGKILL \|/);
    assert.match(h, /应用收到 SIGTERM 后还有 \*\*35 秒\*\*完成自身的退出流程。/);
  });

  it('a preStop sleep longer than the grace period: SIGTERM at 30 秒 and at least 2 秒 before SIGKILL', () => {
    const h =
      hoverAt(
        deployment(
          '',
          '      containers:\n        - name: app\n          image: a\n          lifecycle:\n            ‸preStop:\n              exec: {command: ["sh", "-c", "sleep 40; nginx -s quit"]}',
        ),
        'zh-cn',
      ) ?? '';
    assert.match(h, /\| 30 (s|秒) \| preStop 仍在执行时宽限期已耗尽/);
    assert.match(h, /\| 32 (s|秒) \| 若仍在运行则发送 SIGKILL（宽限期只剩不到 2 秒：kubelet 总会在 SIGTERM 之后至少留出 2 秒）/);
    assert.match(h, /还有 \*\*2 秒\*\*/);
  });

  it('rollout counts and a PDB', () => {
    const h = hoverAt(deployment('  replicas: 10\n  strategy:\n    rollingUpdate:\n      maxSurge: 33%\n      ‸maxUnavailable: "33%"'), 'zh-cn') ?? '';
    assert.match(h, /共 \*\*10\*\* 个副本时：maxSurge 33% → \*\*4\*\* 个 Pod（向上取整），maxUnavailable 33% → \*\*3\*\* 个 Pod（向下取整）。/);
    assert.match(h, /滚动更新期间：\*\*总数最多 14 个 Pod\*\*，\*\*至少 7 个可用\*\*。/);
    const pdb =
      hoverAt(
        `${deployment('  replicas: 3')}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  ‸minAvailable: 3
  selector: {matchLabels: {app: web}}
`,
        'zh-cn',
      ) ?? '';
    assert.match(
      pdb,
      /选中了 Deployment web（3 个副本）：至少 \*\*3\*\* 个必须保持可用，因此同一时间最多只能驱逐 \*\*0\*\* 个 Pod——节点排空（drain）会一直卡住。/,
    );
  });

  it('init containers: order and effective request', () => {
    const h =
      hoverAt(
        `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  ‸initContainers:
    - {name: proxy, image: p, restartPolicy: Always, resources: {requests: {cpu: 200m, memory: 64Mi}}}
    - {name: migrate, image: m, resources: {requests: {cpu: "1", memory: 1Gi}}}
  containers:
    - {name: app, image: a, resources: {requests: {cpu: 500m, memory: 256Mi}}}
`,
        'zh-cn',
      ) ?? '';
    assert.match(h, /\*\*启动顺序：\*\*\n1\. `proxy`（原生边车容器：启动后持续运行）\n2\. `migrate`（运行至完成）/);
    assert.match(h, /\*\*cpu 有效请求：\*\* 1200m = max\(Init 容器 1200m, 应用容器 \+ 边车容器 700m\)。/);
  });

  it('the English hover is unchanged', () => {
    const h = hoverAt(
      deployment('  replicas: 2', '      containers:\n        - name: app\n          image: a\n          ‸startupProbe: {httpGet: {path: /, port: 80}}'),
    );
    assert.match(h ?? '', /0 \+ 3 × 10 = \*\*30 s\*\*/);
  });
});

describe('zh-cn: analysis', () => {
  const zhOptions = { ...DEFAULT_OPTIONS, locale: 'zh-cn' as const };
  const badPod = `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  initContainers:
    - name: migrate
      image: m
      readinessProbe: {exec: {command: ["true"]}}
  containers:
    - {name: app, image: a}
`;

  it('gives rule messages in Chinese, with the placeholders filled', () => {
    const [p] = analyse(badPod, RULES, zhOptions);
    assert.equal(p?.code, 'init-container-probe');
    assert.equal(
      p?.message,
      'Pod p › migrate：Init 容器不允许设置 `readinessProbe`。只有原生边车容器（`restartPolicy: Always`）才能配置探针，API Server 会拒绝这个 Pod。',
    );
    assert.match(analyse(badPod, RULES)[0]?.message ?? '', /^Pod p › migrate: `readinessProbe` is not allowed on an init container/);
  });

  it('gives the engine messages in Chinese: syntax errors and duplicate keys', () => {
    const broken = 'apiVersion: v1\nkind: Pod\nmetadata: {name: broken\nspec: {}\n';
    const syntax = analyse(broken, RULES, zhOptions).find((p) => p.code === 'yaml-syntax');
    assert.match(syntax?.message ?? '', /^YAML 语法错误：\S/);
    const dup = analyse('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nmetadata: {name: q}\nspec:\n  containers: [{name: a, image: a}]\n', RULES, zhOptions);
    assert.match(dup.find((p) => p.code === 'duplicate-key')?.message ?? '', /^重复的键 "[^"]+"：启用严格字段校验时/);
  });

  it('says "30 秒" rather than "30 s" in every Chinese text', () => {
    const texts = [
      ...Object.values(zh?.messages ?? {}),
      ...Object.values(zh?.docs ?? {}).flatMap((d) => [d.summary, d.why]),
      ...Object.values(zh?.hover.fields ?? {}),
    ];
    for (const text of texts) assert.doesNotMatch(text, /\d s\b/, text);
  });
});

describe('zh-cn: no English phrases in messages and fix titles', () => {
  /** Multi-word names that stay in English in Chinese text. */
  const ALLOWED = [/\bAPI Server\b/g, /\bKubernetes\b/g, /\bgRPC Health Checking Protocol\b/g];

  /** The first run of three or more English words outside `code` and "quoted" spans, if any. */
  function englishRun(text: string): string | undefined {
    let prose = text.replace(/`[^`]*`/g, ' ').replace(/"[^"]*"/g, ' ');
    for (const allowed of ALLOWED) prose = prose.replace(allowed, ' ');
    return /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.exec(prose)?.[0];
  }

  function assertChinese(text: string, what: string): void {
    assert.match(text, CJK, `${what} has no Chinese: ${text}`);
    const run = englishRun(text);
    assert.equal(run, undefined, `${what} has the English phrase "${run ?? ''}": ${text}`);
  }

  it('the checker finds English phrases and lets code, quotes and names through', () => {
    assert.equal(englishRun('宽限期（30 s, the default）'), undefined);
    assert.equal(englishRun('因此 the probe fails every time'), 'the probe fails');
    assert.equal(englishRun('API Server 会拒绝 `sh -c "a && b"` 和 "may not be set here"'), undefined);
  });

  for (const rule of RULES) {
    it(`${rule.meta.id}: the docs example reads in Chinese`, () => {
      const version = parseVersion(rule.meta.docs.exampleVersion) ?? NEWEST;
      const problems = analyse(rule.meta.docs.bad, RULES, { ...DEFAULT_OPTIONS, locale: 'zh-cn', version });
      assert.ok(
        problems.some((p) => p.code === rule.meta.id),
        `the example reports ${rule.meta.id}`,
      );
      for (const p of problems) {
        assertChinese(p.message, `${p.code} message`);
        for (const fix of p.fixes) assertChinese(fix.title, `${p.code} fix title`);
      }
    });
  }

  const pod = (container: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: app
      image: a
${container}`;
  const schemaCases: Record<string, string> = {
    'a misspelled field': pod('      readinesProbe: {tcpSocket: {port: 80}}\n'),
    'an unknown field with few choices': pod('      resources: {requests: {cpu: 1}, limit: {cpu: 1}}\n'),
    'a string where an integer goes': pod('      ports: [{containerPort: "80"}]\n'),
    'a number where a string goes': pod('      env: [{name: A, value: 1}]\n'),
    'a boolean YAML 1.1 reads': pod('      env: [{name: A, value: yes}]\n'),
    'a quantity with a wrong suffix': pod('      resources: {limits: {memory: 512MB}}\n'),
    'a date that is not a date-time':
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p, creationTimestamp: yesterday}\nspec:\n  containers: [{name: a, image: a}]\n',
    'a missing required field': pod('      ports: [{name: http}]\n'),
    'a list where a mapping goes': pod('      livenessProbe: [1, 2]\n'),
    'a number out of range': pod('      readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 3000000000}\n'),
  };
  for (const [name, text] of Object.entries(schemaCases)) {
    it(`schema: ${name} reads in Chinese`, () => {
      const problems = analyse(text, RULES, { ...DEFAULT_OPTIONS, locale: 'zh-cn' }).filter((p) => p.code === 'schema');
      assert.ok(problems.length > 0, `a schema finding for ${name}`);
      for (const p of problems) {
        assertChinese(p.message, 'schema message');
        for (const fix of p.fixes) assertChinese(fix.title, 'schema fix title');
      }
    });
  }
});
