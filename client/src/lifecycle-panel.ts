// The "Pod lifecycle: <name>" webview panel: asks the server for a workload's lifecycle, draws it, redraws it as the
// document is edited, and reveals a field in the editor when a bar is clicked. No analysis happens here.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import type { LifecycleView } from '../../server/src/features/lifecycle';
import { lifecycleHtml, renderLifecycleSvg } from './lifecycle-svg';

/** Asks the server for the lifecycle of the workload at a position (or of that kind and name). */
export type LifecycleRequest = (params: { uri: string; position: vscode.Position; kind?: string; name?: string }) => Promise<LifecycleView | null>;

interface Target {
  readonly uri: string;
  position: vscode.Position;
  readonly kind: string | undefined;
  readonly name: string | undefined;
}

/** What the e2e tests read back: the drawing last sent to each panel, by title. */
export const rendered = new Map<string, { svg: string; version: number }>();

/** One panel per workload; asking again for the same workload brings its panel to the front. */
export class LifecyclePanels implements vscode.Disposable {
  private readonly panels = new Map<string, LifecyclePanel>();

  constructor(private readonly request: LifecycleRequest) {}

  async show(uri: string, position: vscode.Position, kind?: string, name?: string): Promise<void> {
    const key = `${uri}#${kind ?? ''}/${name ?? ''}`;
    const existing = this.panels.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    const model = await this.request({ uri, position, kind, name });
    if (!model) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no workload here to draw.'));
      return;
    }
    const panel = new LifecyclePanel({ uri, position, kind: kind ?? model.kind, name: name ?? model.name }, model, this.request, () => this.panels.delete(key));
    this.panels.set(key, panel);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }
}

class LifecyclePanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private version = 0;
  private title: string;

  constructor(
    private readonly target: Target,
    model: LifecycleView,
    private readonly request: LifecycleRequest,
    private readonly onDispose: () => void,
  ) {
    this.title = titleOf(model);
    this.panel = vscode.window.createWebviewPanel(
      'kubeGraceful.lifecycle',
      this.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        // Nothing is loaded from disk or the network: the drawing, its styles and its script are inline.
        localResourceRoots: [],
        retainContextWhenHidden: false,
      },
    );
    const svg = renderLifecycleSvg(model);
    this.panel.webview.html = lifecycleHtml(svg, randomBytes(16).toString('base64'), this.title, this.panel.webview.cspSource);
    this.remember(svg);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== target.uri) return;
        this.follow(e.contentChanges);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), 150);
      }),
    );
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  /** Keeps the position of the workload's `kind:` on its line as lines are added or removed above it. */
  private follow(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    for (const c of changes) {
      if (c.range.end.line >= this.target.position.line) continue;
      const added = c.text.split('\n').length - 1;
      const removed = c.range.end.line - c.range.start.line;
      this.target.position = this.target.position.translate(added - removed);
    }
  }

  private async refresh(): Promise<void> {
    const model = await this.request({ uri: this.target.uri, position: this.target.position, kind: this.target.kind, name: this.target.name }).catch(
      () => null,
    );
    if (!model || this.disposed) return;
    this.target.position = new vscode.Position(model.range.start.line, model.range.start.character);
    this.title = titleOf(model);
    this.panel.title = this.title;
    const svg = renderLifecycleSvg(model);
    this.remember(svg);
    await this.panel.webview.postMessage({ type: 'update', svg });
  }

  private remember(svg: string): void {
    this.version++;
    rendered.set(this.title, { svg, version: this.version });
  }

  private async onMessage(m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null || (m as { type?: unknown }).type !== 'reveal') return;
    const r = (m as { range?: { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } }).range;
    const n = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
    if (!r?.start || !r.end) return;
    const range = new vscode.Range(n(r.start.line), n(r.start.character), n(r.end.line), n(r.end.character));
    const uri = vscode.Uri.parse(this.target.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.target.uri);
    const editor = await vscode.window.showTextDocument(visible?.document ?? (await vscode.workspace.openTextDocument(uri)), {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
    });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    rendered.delete(this.title);
    this.onDispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

function titleOf(model: LifecycleView): string {
  return vscode.l10n.t('Pod lifecycle: {0}', model.name || model.kind);
}
