/** `statescope render`: a state machine drawn to a standalone SVG file, with the app's layout, no browser. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { isFatal } from '../../../shared/asl/report.ts';
import { renderSvg } from '../../../shared/asl/svg.ts';
import { hasErrors } from '../../../shared/diagnostics.ts';
import { layoutGraph } from '../../../shared/layout/layout.ts';
import { formatDiagnostic, loadForCli } from '../document.ts';
import type { CliCommand } from '../types.ts';
import { CliFailure, UsageError, parse, printable, write } from '../util.ts';

export const command: CliCommand = {
  name: 'render',
  summary: 'Draw a state machine to an SVG file (same layout as the app)',
  usage: [
    'Usage: statescope render FILE [--machine NAME] --svg OUT.svg',
    '',
    'Lays out one state machine from FILE and writes it as a standalone SVG document.',
    '',
    'Options:',
    '  --svg OUT.svg   where to write the SVG (required)',
    '  --machine NAME  which state machine, when the file has more than one',
    '  -h, --help      show this help',
    '',
    'Exit status: 0 written, 1 written but the definition has errors, 2 nothing written.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, { machine: { type: 'string' }, svg: { type: 'string' } });
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? 'FILE is required.' : 'give exactly one FILE.');
    if (!values.svg) throw new UsageError('--svg OUT.svg is required.');
    const { file, doc, graphs } = await loadForCli(positionals[0]!, values.machine, io);
    if (isFatal(doc) || graphs.length === 0) {
      for (const d of doc.diagnostics) write(io.stderr, formatDiagnostic(file, d, io.cwd));
      throw new CliFailure(`nothing to draw in ${path.basename(file)}.`);
    }
    if (graphs.length > 1) {
      throw new CliFailure(
        `${path.basename(file)} has ${graphs.length} state machines (${graphs.map((g) => g.name).join(', ')}); choose one with --machine NAME.`,
      );
    }
    const graph = graphs[0]!;
    const layout = await layoutGraph(graph);
    const svg = renderSvg(graph, layout, { title: graph.name });
    const out = path.resolve(io.cwd, values.svg);
    const tmp = `${out}.${process.pid}.tmp`;
    try {
      await fs.writeFile(tmp, svg, 'utf8');
      await fs.rename(tmp, out);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw new CliFailure(`cannot write ${out}: ${(error as Error).message}`);
    }
    const diagnostics = [...doc.diagnostics, ...graph.diagnostics];
    for (const d of diagnostics) write(io.stderr, formatDiagnostic(file, d, io.cwd));
    write(
      io.stdout,
      printable(
        `Wrote ${path.relative(io.cwd, out) || out} (${graph.name}: ${graph.states.length} states, ` +
          `${Math.round(layout.width)}×${Math.round(layout.height)})`,
      ),
    );
    return hasErrors(diagnostics) ? 1 : 0;
  },
};
