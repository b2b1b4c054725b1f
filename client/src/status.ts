// What the user sees of the extension being alive: language status items on YAML files (the target Kubernetes
// version, whether the file holds Kubernetes objects, the workspace index), and the answer to "Fix all".
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface DocumentStatus {
  readonly uri: string;
  readonly version: number;
  readonly objects: number;
  readonly kubernetesVersion: string;
  /** For a file of a Helm chart or a kustomize overlay: how it was rendered, or why not (in the user's language). */
  readonly render?: string;
  /** False when the render failed or did not run. */
  readonly renderOk?: boolean;
}

interface IndexStatus {
  readonly state: 'indexing' | 'ready' | 'off';
  readonly done?: number;
  readonly total?: number;
  readonly files?: number;
  readonly objects?: number;
  readonly milliseconds?: number;
  readonly truncated?: boolean;
}

/** The two language status items and what the server last said about the documents and the index. */
export class StatusItems implements vscode.Disposable {
  private readonly version: vscode.LanguageStatusItem;
  private readonly index: vscode.LanguageStatusItem;
  private readonly render: vscode.LanguageStatusItem;
  private readonly documents = new Map<string, DocumentStatus>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The last text shown, for the end-to-end tests (the status items have no getter in the API). */
  lastText = '';

  constructor() {
    const selector: vscode.DocumentSelector = [{ language: 'yaml' }];
    this.version = vscode.languages.createLanguageStatusItem('kubeGraceful.status', selector);
    this.version.name = 'Kube Graceful';
    this.version.command = { title: vscode.l10n.t('Settings'), command: 'workbench.action.openSettings', arguments: ['kubeGraceful'] };
    this.index = vscode.languages.createLanguageStatusItem('kubeGraceful.index', selector);
    this.index.name = vscode.l10n.t('Kube Graceful workspace index');
    this.index.command = { title: vscode.l10n.t('Show Output'), command: 'kubeGraceful.showOutput' };
    this.index.text = vscode.l10n.t('Workspace index: starting');
    this.render = vscode.languages.createLanguageStatusItem('kubeGraceful.render', selector);
    this.render.name = vscode.l10n.t('Kube Graceful rendering');
    this.render.command = { title: vscode.l10n.t('Show Output'), command: 'kubeGraceful.showOutput' };
    this.disposables.push(
      this.version,
      this.index,
      this.render,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kubeGraceful')) this.refresh();
      }),
    );
    this.refresh();
  }

  /** Listens to the server's status notifications. */
  attach(client: LanguageClient): void {
    this.disposables.push(
      client.onNotification('kubeGraceful/documentStatus', (s: DocumentStatus) => {
        this.documents.set(s.uri, s);
        this.refresh();
      }),
      client.onNotification('kubeGraceful/indexStatus', (s: IndexStatus) => this.showIndex(s)),
    );
  }

  private refresh(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const target = vscode.workspace.getConfiguration('kubeGraceful', doc?.uri).get<string>('kubernetesVersion', '1.36');
    const status = doc ? this.documents.get(doc.uri.toString()) : undefined;
    this.version.text = vscode.l10n.t('Kubernetes {0}', target);
    this.version.detail =
      status === undefined
        ? vscode.l10n.t('target version')
        : status.objects === 0
          ? vscode.l10n.t('no Kubernetes objects in this file')
          : status.objects === 1
            ? vscode.l10n.t('1 Kubernetes object in this file')
            : vscode.l10n.t('{0} Kubernetes objects in this file', status.objects);
    // Shown on the files of a chart or an overlay only: how they were rendered, or why not.
    this.render.text = status?.render ?? '';
    this.render.detail = status?.render !== undefined ? vscode.l10n.t('Helm charts and kustomize overlays are analysed as rendered') : '';
    this.render.severity = status?.renderOk === false ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.lastText = `${this.version.text} · ${this.version.detail} · ${this.index.text}${status?.render !== undefined ? ` · ${status.render}` : ''}`;
  }

  private showIndex(s: IndexStatus): void {
    this.index.busy = s.state === 'indexing';
    if (s.state === 'indexing') {
      this.index.text = s.total ? vscode.l10n.t('Indexing Kubernetes manifests {0}/{1}', s.done ?? 0, s.total) : vscode.l10n.t('Indexing Kubernetes manifests');
      this.index.detail = '';
    } else if (s.state === 'ready') {
      this.index.text = vscode.l10n.t('Workspace: {0} files indexed', s.files ?? 0);
      this.index.detail = s.truncated ? vscode.l10n.t('limit reached (kubeGraceful.workspace.maxFiles)') : vscode.l10n.t('{0} related objects', s.objects ?? 0);
    } else {
      this.index.text = vscode.l10n.t('Workspace index off');
      this.index.detail = vscode.l10n.t('each file is analysed alone');
    }
    this.refresh();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Our diagnostics on a document. */
function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kube-graceful');
}

/**
 * "Fix all problems in this file": applies the server's fix-all edit and says how many problems it fixed and how many
 * remain, instead of VS Code's raw "No source actions … available" when there is nothing to fix. Returns the counts
 * (for tests and other extensions).
 */
export async function fixAll(): Promise<{ fixed: number; remaining: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const doc = editor.document;
  const before = ours(doc.uri).length;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[] | undefined>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    whole,
    'source.fixAll.kube-graceful',
  );
  const action = (actions ?? []).find((a) => a.kind?.value === 'source.fixAll.kube-graceful' && a.edit);
  if (!action?.edit) {
    void vscode.window.showInformationMessage(
      before === 0
        ? vscode.l10n.t('Kube Graceful: no problems to fix in this file.')
        : vscode.l10n.t('Kube Graceful: none of the {0} problems has a safe automatic fix.', before),
    );
    return { fixed: 0, remaining: before };
  }
  const changed = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      sub.dispose();
      resolve();
    }, 5000);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === doc.uri.toString()) || doc.isClosed) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
  await vscode.workspace.applyEdit(action.edit);
  await changed;
  const remaining = ours(doc.uri).length;
  const fixed = Math.max(0, before - remaining);
  void vscode.window.showInformationMessage(vscode.l10n.t('Kube Graceful: fixed {0} problems, {1} remain.', fixed, remaining));
  return { fixed, remaining };
}

/** Rule documentation as a read-only document (`kube-graceful-docs:/<rule>.md`), shown in the Markdown preview. */
export class RuleDocsProvider implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'kube-graceful-docs';

  constructor(private readonly client: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ruleId = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const client = this.client();
    const markdown = client ? await client.sendRequest<string | null>('kubeGraceful/ruleDocumentation', { ruleId }) : null;
    return markdown ?? vscode.l10n.t('No documentation for {0}.', ruleId);
  }

  /** Opens the documentation of a rule in the Markdown preview; nothing to save, nothing left behind. */
  static async show(ruleId: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: RuleDocsProvider.scheme, path: `/${ruleId}.md` });
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  }
}
