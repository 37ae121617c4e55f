/** `statescope validate`: every problem in one or more ASL files or templates, as lines or as JSON. */
import path from 'node:path';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { isFatal } from '../../../shared/asl/report.ts';
import { validateForReport } from '../../../shared/asl/validate.ts';
import type { LibraryCheckers } from '../../../shared/asl/validate-raw.ts';
import { runAslValidator } from '../../host/aslv-checker.ts';
import { takeAslsThread } from '../checker-threads.ts';
import { loadForCli } from '../document.ts';
import type { CliCommand } from '../types.ts';
import { CliFailure, UsageError, parse, write } from '../util.ts';

/** One diagnostic as `--json` prints it: the file it belongs to, then the diagnostic's own fields. */
interface JsonDiagnostic extends Diagnostic {
  file: string;
}

interface FileResult {
  file: string;
  /** False when the file could not be read or parsed at all. */
  loaded: boolean;
  diagnostics: JsonDiagnostic[];
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

function line(d: JsonDiagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}${d.state !== undefined ? ` [${d.state}]` : ''}`;
}

async function validateFile(
  file: string,
  io: Parameters<CliCommand['run']>[1],
  checkers: LibraryCheckers,
): Promise<FileResult> {
  const shown = path.relative(io.cwd, path.resolve(io.cwd, file)) || file;
  let loaded;
  try {
    loaded = await loadForCli(file, undefined, io);
  } catch (error) {
    if (!(error instanceof CliFailure)) throw error;
    return {
      file: shown,
      loaded: false,
      diagnostics: [
        {
          file: shown,
          severity: 'error',
          message: error.message,
          line: 1,
          column: 1,
          source: 'load',
          code: 'unreadable',
        },
      ],
    };
  }
  const { doc } = loaded;
  const validation = isFatal(doc) ? [] : await validateForReport(doc, checkers);
  const all = [...doc.diagnostics, ...validation].sort(
    (a, b) => a.line - b.line || a.column - b.column || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  return { file: shown, loaded: !isFatal(doc), diagnostics: all.map((d) => ({ file: shown, ...d })) };
}

export const command: CliCommand = {
  name: 'validate',
  summary: 'Check ASL files and SAM/CloudFormation templates and list every problem (text or --json)',
  usage: [
    'Usage: statescope validate FILE... [--json]',
    '',
    "Checks each state machine in the files with the ASL language service, asl-validator and Statescope's own",
    'rules (variables and their scopes, JSONata syntax, JSONPath-only fields in JSONata states, duplicate state',
    'names), and prints one line per problem:',
    '',
    '  file:line:column severity message [state]',
    '',
    'CloudFormation/DefinitionSubstitutions placeholders such as ${LambdaArn} are accepted wherever a value goes.',
    '',
    'Options:',
    '  --json      print {"files":[{"file","loaded","diagnostics":[…]}],"errors","warnings"} instead',
    '  -h, --help  show this help',
    '',
    'Exit status: 0 no errors, 1 some definition has errors, 2 a file could not be read or parsed.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } });
    if (positionals.length === 0) throw new UsageError('at least one FILE is required.');
    // The language service runs in a thread of its own (started already by the bundle's entry, or now), while the
    // first file is read and parsed here.
    const thread = takeAslsThread();
    const checkers: LibraryCheckers = {
      asls: (text, yaml) => thread.asls(text, yaml),
      aslValidator: runAslValidator,
    };
    const results: FileResult[] = [];
    try {
      for (const file of positionals) results.push(await validateFile(file, io, checkers));
    } finally {
      thread.close();
    }
    const all = results.flatMap((r) => r.diagnostics);
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    if (values.json) {
      write(io.stdout, JSON.stringify({ files: results, errors, warnings }, null, 2));
    } else {
      for (const d of all) write(d.severity === 'error' && d.code === 'unreadable' ? io.stderr : io.stdout, line(d));
      const problems = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
      write(io.stderr, `${results.length} file${results.length === 1 ? '' : 's'} checked: ${problems}`);
    }
    if (results.some((r) => !r.loaded)) return 2;
    return errors > 0 ? 1 : 0;
  },
};
