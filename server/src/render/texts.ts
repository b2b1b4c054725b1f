// What the render layer says (status lines and the render error findings), in each language.
import { formatMessage, Locale } from '../l10n/locale';

const EN = {
  helmChart: 'Helm chart',
  kustomization: 'Kustomization',
  untrusted: 'the workspace is not trusted',
  disabled: 'kubeGraceful.render.enable is off',
  noHelm: 'no helm binary found (set kubeGraceful.helm.path, or put helm on PATH)',
  noKustomize: 'no kubectl or kustomize binary found (set kubeGraceful.kustomize.path)',
  notAChart: 'the folder is not a chart',
  notRendered: '{what} not rendered: {why}',
  standIn: '; no Chart.yaml, a stand-in was used',
  rendered: '{what} rendered with {tool} ({values}{standIn})',
  built: '{what} built with {tool}',
  renderFailed: '{what} not rendered: {tool} failed: {message}',
  templateError: 'helm template fails: {message}',
  dependencies: 'The chart is not rendered: {message}. Run `helm dependency build` to fetch them; until then, its templates are read one by one.',
  buildError: '{tool} cannot build this kustomization: {message}',
  chartNote: 'The chart is not rendered: {message}. Until it is, its templates are read one by one.',
} as const;

export type RenderTextKey = keyof typeof EN;

const ZH_CN: Record<RenderTextKey, string> = {
  helmChart: 'Helm chart',
  kustomization: 'Kustomization',
  untrusted: '工作区不受信任',
  disabled: 'kubeGraceful.render.enable 已关闭',
  noHelm: '未找到 helm 可执行文件（设置 kubeGraceful.helm.path，或把 helm 加入 PATH）',
  noKustomize: '未找到 kubectl 或 kustomize 可执行文件（设置 kubeGraceful.kustomize.path）',
  notAChart: '该文件夹不是 chart',
  notRendered: '{what} 未渲染：{why}',
  standIn: '；没有 Chart.yaml，使用了替代文件',
  rendered: '{what} 已用 {tool} 渲染（{values}{standIn}）',
  built: '{what} 已用 {tool} 构建',
  renderFailed: '{what} 未渲染：{tool} 失败：{message}',
  templateError: 'helm template 失败：{message}',
  dependencies: '该 chart 未渲染：{message}。运行 `helm dependency build` 获取依赖；在此之前，逐个读取其模板。',
  buildError: '{tool} 无法构建此 kustomization：{message}',
  chartNote: '该 chart 未渲染：{message}。在此之前，逐个读取其模板。',
};

export const RENDER_TEXTS: Readonly<Record<Locale, Readonly<Record<RenderTextKey, string>>>> = { en: EN, 'zh-cn': ZH_CN };

export function renderText(locale: Locale | undefined, key: RenderTextKey, data: Readonly<Record<string, string | number>> = {}): string {
  return formatMessage((locale !== undefined ? RENDER_TEXTS[locale] : undefined)?.[key] ?? EN[key], data);
}
