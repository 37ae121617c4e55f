/**
 * What the page may reach on disk: only what the user handed to Statescope through an act the host itself sees —
 * the native open dialog, command-line arguments (including a second launch and macOS `open-file`), File › Open
 * Recent, and in web mode the files and folders given to `statescope serve` (its workspace). The page can name any
 * path it likes; the host answers only for paths inside these grants.
 *
 * Two kinds of grant, kept apart on purpose: `read` (open, re-read on change, watch) and `write` (save). A file
 * the user opened is granted both; a file reached from a granted one (a template's `DefinitionUri`) is granted
 * `read` only. Nothing the page does — reading included — ever adds a `write` grant.
 *
 * Paths are compared after resolving symbolic links as well as lexically, so a link inside a granted folder that
 * points elsewhere does not carry the grant with it.
 */
import fs from 'node:fs';
import path from 'node:path';

export type Access = 'read' | 'write';

export interface Grants {
  /** A single file the user chose. `write` defaults to true (the user opened it for editing). */
  grantFile(file: string, options?: { write?: boolean }): void;
  /** A folder the user chose as a workspace: every file in its tree. */
  grantTree(dir: string, options?: { write?: boolean }): void;
  /** True when `file` (absolute) may be read / written under the grants. */
  allows(file: string, access: Access): boolean;
  /** The granted folders (for messages). */
  roots(): string[];
}

interface Entry {
  lexical: string;
  real: string;
  write: boolean;
}

/** The path with symbolic links resolved as far as it exists (a file about to be created keeps its name). */
export function realOrResolved(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync.native(abs);
  } catch {
    const parent = path.dirname(abs);
    if (parent === abs) return abs;
    return path.join(realOrResolved(parent), path.basename(abs));
  }
}

function sameFile(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** True when `candidate` is `root` or lies in its tree (both absolute and normalised). */
export function isInsideTree(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

export function createGrants(): Grants {
  const files: Entry[] = [];
  const trees: Entry[] = [];

  function entry(p: string, write: boolean): Entry {
    const lexical = path.resolve(p);
    return { lexical, real: realOrResolved(lexical), write };
  }

  return {
    grantFile(file, options = {}) {
      files.push(entry(file, options.write ?? true));
    },
    grantTree(dir, options = {}) {
      trees.push(entry(dir, options.write ?? true));
    },
    allows(file, access) {
      if (!path.isAbsolute(file)) return false;
      const lexical = path.resolve(file);
      const real = realOrResolved(lexical);
      const ok = (e: Entry) => access === 'read' || e.write;
      // A file grant matches the path the user chose or the file it resolves to; either way the real target
      // must be the granted one, so swapping the path for a link later does not widen the grant.
      if (files.some((e) => ok(e) && sameFile(e.real, real))) return true;
      // A folder grant: both the named path and its real target must lie inside the (real) folder.
      return trees.some(
        (e) =>
          ok(e) && isInsideTree(e.real, real) && (isInsideTree(e.lexical, lexical) || isInsideTree(e.real, lexical)),
      );
    },
    roots: () => trees.map((e) => e.lexical),
  };
}
