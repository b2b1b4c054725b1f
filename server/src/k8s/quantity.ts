// Kubernetes resource quantities ("250m", "1.5Gi", "2e3"): parsing to numbers and printing them back the way
// kubectl users write them. Follows k8s.io/apimachinery/pkg/api/resource/quantity.go's grammar.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: two adjacent digit runs backtrack quadratically on a long number that fails.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** The quantity's value in base units (cores, bytes); undefined when the text is not a valid quantity. */
export function parseQuantity(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) ? text : undefined;
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  if (/^[eE]/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return undefined;
}

/** Prints a CPU amount as cores or millicores ("500m", "2"). */
export function formatCpu(cores: number): string {
  const milli = Math.round(cores * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Prints bytes in the largest binary unit that keeps it readable ("512Mi", "1.5Gi"). */
export function formatBytes(bytes: number): string {
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const size = BINARY[unit];
    if (bytes >= size) {
      const v = bytes / size;
      return `${Number.isInteger(v) ? v : Number(v.toFixed(2))}${unit}`;
    }
  }
  return String(Math.round(bytes));
}

export function formatResource(resource: string, amount: number): string {
  return resource === 'cpu' ? formatCpu(amount) : formatBytes(amount);
}
