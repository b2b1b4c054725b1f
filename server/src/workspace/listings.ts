// What the folders a walk listed hold, for the lookups that follow it: the command line looks for a config file and a
// Helm chart above every file it lints, and on a repository of thousands of folders those looks were thousands of
// stat calls (a tenth of a run). A folder the walk listed answers from its listing; any other path asks the disk.
import { Dirent, lstatSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';

/** The questions the config-file and chart lookups ask of the file system. */
export interface DiskLookups {
  /** True for a file, following symlinks (as `statSync(path).isFile()`). */
  isFile(path: string): boolean;
  /** True when something is there, following symlinks (as `existsSync`). */
  exists(path: string): boolean;
  /** True for a folder itself, not a symlink to one (as `lstatSync(path).isDirectory()`). */
  isDirectory(path: string): boolean;
}

/** The answers of the disk itself. */
export const DISK: DiskLookups = {
  isFile: (path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  exists: (path) => {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  },
  isDirectory: (path) => {
    try {
      return lstatSync(path).isDirectory();
    } catch {
      return false;
    }
  },
};

type Kind = 'file' | 'dir' | 'link' | 'other';

type Question = 'isFile' | 'exists' | 'isDirectory';

/**
 * The entries of listed folders, kept only for the names the lookups ask about (so a repository of many files costs
 * a few bytes per folder). A symlink is not followed here: asking about one goes to the disk. So does a question about
 * a folder the walk did not list (the parents of the walked folders, which every file's lookup climbs through): the
 * disk's answer is kept, so each is asked once per run.
 */
export class Listings implements DiskLookups {
  private readonly folders = new Map<string, Map<string, Kind>>();
  private readonly names: ReadonlySet<string>;
  private readonly asked = new Map<string, boolean>();

  constructor(names: Iterable<string>) {
    this.names = new Set(names);
  }

  /** Notes a folder's entries, as a walk read them. */
  add(dir: string, entries: readonly Dirent[]): void {
    const kept = new Map<string, Kind>();
    for (const e of entries) {
      if (!this.names.has(e.name)) continue;
      kept.set(e.name, e.isSymbolicLink() ? 'link' : e.isFile() ? 'file' : e.isDirectory() ? 'dir' : 'other');
    }
    this.folders.set(dir, kept);
  }

  /** What is at a path: its kind, 'none' when its folder was listed without it, undefined when not known here. */
  private kind(path: string): Kind | 'none' | undefined {
    const name = basename(path);
    if (!this.names.has(name)) return undefined;
    const folder = this.folders.get(dirname(path));
    if (!folder) return undefined;
    const kind = folder.get(name) ?? 'none';
    return kind === 'link' ? undefined : kind;
  }

  /** The disk's answer to a question about a path, asked once. */
  private disk(question: Question, path: string): boolean {
    const key = `${question}\u0000${path}`;
    let answer = this.asked.get(key);
    if (answer === undefined) this.asked.set(key, (answer = DISK[question](path)));
    return answer;
  }

  isFile(path: string): boolean {
    const kind = this.kind(path);
    return kind === undefined ? this.disk('isFile', path) : kind === 'file';
  }

  exists(path: string): boolean {
    const kind = this.kind(path);
    return kind === undefined ? this.disk('exists', path) : kind !== 'none';
  }

  isDirectory(path: string): boolean {
    const kind = this.kind(path);
    return kind === undefined ? this.disk('isDirectory', path) : kind === 'dir';
  }
}
