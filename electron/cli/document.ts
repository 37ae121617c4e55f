/**
 * File → loaded document → graphs, the way `graph` and `render` (and any other command) need it: the same
 * loader and graph builder as the app, with DefinitionUri files read relative to the document, and the choice
 * of one machine with `--machine`.
 */
import path from 'node:path';
import type { Diagnostic } from '../../shared/diagnostics.ts';
import { buildGraph } from '../../shared/asl/graph.ts';
import { loadDocument } from '../../shared/asl/load.ts';
import type { LoadedDocument, MachineSource, StateGraph } from '../../shared/asl/types.ts';
import type { CliIo } from './types.ts';
import { CliFailure, printable, readInputFile, readReferenced } from './util.ts';

export interface LoadedForCli {
  /** Absolute path of the file. */
  file: string;
  doc: LoadedDocument;
  /** The machines selected (all, or the one named by --machine). */
  machines: MachineSource[];
  graphs: StateGraph[];
}

/** Loads FILE and builds the graphs; throws `CliFailure` when the file cannot be read or --machine is unknown. */
export async function loadForCli(file: string, machine: string | undefined, io: CliIo): Promise<LoadedForCli> {
  const abs = path.resolve(io.cwd, file);
  const input = await readInputFile(abs, io);
  const doc = await loadDocument(abs, input.text, {
    readFile: (relPath: string, fromFile: string) => readReferenced(relPath, fromFile, io),
  });
  let machines = doc.machines;
  if (machine !== undefined) {
    machines = doc.machines.filter((m) => m.name === machine);
    if (machines.length === 0) {
      const names = doc.machines.map((m) => m.name);
      throw new CliFailure(
        names.length === 0
          ? `${path.basename(abs)} has no state machine named "${machine}" (it has none).`
          : `${path.basename(abs)} has no state machine named "${machine}"; it has: ${names.join(', ')}.`,
      );
    }
  }
  // Built on first use: `validate` and `run` never read the graphs (building them is one more pass over every state).
  let graphs: StateGraph[] | undefined;
  return {
    file: abs,
    doc: { ...doc, machines },
    machines,
    get graphs() {
      return (graphs ??= machines.map((m) => buildGraph(m)));
    },
  };
}

/** `file:line:column: severity: message [state]`, the shape editors and terminals link. */
export function formatDiagnostic(file: string, d: Diagnostic, cwd: string, nameMachine = false): string {
  const rel = path.relative(cwd, file) || file;
  const where = d.state ? ` (state "${d.state}")` : '';
  const machine = nameMachine && d.machine ? ` [machine ${d.machine}]` : '';
  return printable(`${rel}:${d.line}:${d.column}: ${d.severity}: ${d.message}${where}${machine}`);
}
