// Simplified Chinese (zh-CN). Written as a Chinese platform engineer would say it, with the usual terms
// (就绪探针, 存活探针, 启动探针, 优雅终止, 滚动更新). Placeholders must match the English templates.
import { hoverTexts } from '../service/hover-text';
import type { Translation } from './index';

export const ZH_CN: Translation = {
  messages: {},
  docs: {},
  engine: {
    yamlSyntax: 'YAML 语法错误：{message}',
    duplicateKey: '重复的键 "{key}"：在严格字段校验（kubectl 默认）下 API Server 会拒绝该对象；否则其中一个值会被静默丢弃。',
    fileTooLarge: '该文件超过 {size} MiB，kube-graceful 不做分析（设置项 kubeGraceful.maxFileSize）。',
  },
  actions: {},
  hover: hoverTexts('en'),
};
