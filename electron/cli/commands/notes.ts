/**
 * `statescope notes`: the bundled exam notes, searched or narrowed to a topic, or matched to the states of a
 * state machine file (`--for FILE`) with the same rules the app uses beside a selected state.
 */
import path from 'node:path';
import { isFatal } from '../../../shared/asl/report.ts';
import { machineContextOf } from '../../../shared/asl/rules-express.ts';
import { validateDocument } from '../../host/asl-validate.ts';
import {
  ALL_NOTES,
  TOPIC_IDS,
  attributionText,
  localize,
  matchNotes,
  noteForFinding,
  searchNotes,
  type Lang,
  type NoteSource,
  type TopicId,
} from '../../../shared/notes/index.ts';
import { formatDiagnostic, loadForCli } from '../document.ts';
import type { CliCommand } from '../types.ts';
import { UsageError, parse, write } from '../util.ts';

interface MatchRow {
  machine: string;
  element: string;
  type: string;
  notes: string[];
  /** Validation findings on this state, each with the note that explains it ("find the bug"). */
  findings: { code: string; severity: string; message: string; note?: string }[];
}

export const command: CliCommand = {
  name: 'notes',
  summary: 'Show the exam notes (en/ko), search them, or list which notes attach to the states of a file',
  usage: [
    'Usage: statescope notes [--lang en|ko] [--search TEXT] [--topic TOPIC] [--for FILE [--machine NAME]] [--json]',
    '',
    'Without --for, lists the bundled exam notes (all, or those matching --search / --topic).',
    'With --for FILE (an ASL file or a SAM/CloudFormation template), lists for every state the notes that',
    'attach to it (by state type, service and integration pattern, workflow type, Retry/Catch, Map mode, Credentials),',
    'and its validation findings, each with the note that explains it.',
    '',
    'Options:',
    '  --lang en|ko    language of titles and bodies (default en)',
    '  --search TEXT   only notes containing every word of TEXT (either language)',
    `  --topic TOPIC   only notes of one topic: ${TOPIC_IDS.join(', ')}`,
    '  --for FILE      match notes to the states of FILE',
    '  --machine NAME  with --for: only the state machine NAME',
    '  --json          print {"notes": [{id, title, body, topics, attachesTo}], "matches"?: [{element, notes, findings}]}',
    '  -h, --help      show this help',
    '',
    'Exit status: 0 fine, 2 bad usage or FILE could not be read or parsed.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        lang: { type: 'string' },
        search: { type: 'string' },
        topic: { type: 'string' },
        for: { type: 'string' },
        machine: { type: 'string' },
        json: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}".`);
    const lang = (values.lang ?? 'en') as Lang;
    if (lang !== 'en' && lang !== 'ko') throw new UsageError(`--lang must be "en" or "ko", not "${values.lang}".`);
    const topic = values.topic as TopicId | undefined;
    if (topic !== undefined && !(TOPIC_IDS as readonly string[]).includes(topic)) {
      throw new UsageError(`unknown topic "${values.topic}"; topics are: ${TOPIC_IDS.join(', ')}.`);
    }
    if (values.machine !== undefined && values.for === undefined) throw new UsageError('--machine needs --for FILE.');
    if (values.search !== undefined && values.search.length > 200)
      throw new UsageError('--search is limited to 200 characters.');

    let selected: NoteSource[] =
      values.search !== undefined
        ? searchNotes(ALL_NOTES, values.search, topic ? { topic } : {}).map((h) => h.note)
        : ALL_NOTES.filter((n) => !topic || n.topics.includes(topic));

    let matches: MatchRow[] | undefined;
    if (values.for !== undefined) {
      const { file, doc, graphs } = await loadForCli(values.for, values.machine, io);
      if (isFatal(doc)) {
        for (const d of doc.diagnostics) write(io.stderr, formatDiagnostic(file, d, io.cwd, false));
        return 2;
      }
      const allowed = new Set(selected.map((n) => n.id));
      const diagnostics = await validateDocument(doc);
      const findingsOf = (machine: string, state: string): MatchRow['findings'] =>
        diagnostics
          .filter((d) => d.state === state && (d.machine === undefined || d.machine === machine))
          .map((d) => {
            const note = noteForFinding(d.code);
            return { code: d.code ?? '', severity: d.severity, message: d.message, ...(note ? { note } : {}) };
          });
      matches = graphs.flatMap((graph) => {
        const source = doc.machines.find((m) => m.name === graph.name);
        const machine = source ? machineContextOf(doc, source) : {};
        return graph.states.map((state) => ({
          machine: graph.name,
          element: state.name,
          type: state.type,
          notes: matchNotes({ kind: 'state', state, machine }, ALL_NOTES, lang)
            .map((m) => m.note.id)
            .filter((id) => allowed.has(id)),
          findings: findingsOf(graph.name, state.name),
        }));
      });
      const used = new Set(
        matches.flatMap((m) => [...m.notes, ...m.findings.flatMap((f) => (f.note ? [f.note] : []))]),
      );
      selected = selected.filter((n) => used.has(n.id));
      if (!values.json) {
        const rel = path.relative(io.cwd, file) || file;
        write(io.stdout, `${rel}: notes for ${matches.length} state${matches.length === 1 ? '' : 's'}`);
        const titles = new Map(selected.map((n) => [n.id, n.text[lang].title]));
        let machine: string | undefined;
        for (const row of matches) {
          if (graphs.length > 1 && row.machine !== machine) {
            machine = row.machine;
            write(io.stdout, `${machine}:`);
          }
          write(io.stdout, `  ${row.element} (${row.type})`);
          for (const f of row.findings)
            write(io.stdout, `    ! ${f.severity}: ${f.message}${f.note ? ` → see [${f.note}]` : ''}`);
          for (const id of row.notes) write(io.stdout, `    - ${titles.get(id)} [${id}]`);
        }
      }
    }

    const notes = selected.map((n) => localize(n, lang));
    if (values.json) {
      const out: Record<string, unknown> = {
        notes: notes.map((n) => ({
          id: n.id,
          title: n.title,
          body: n.body,
          topics: n.topics,
          attachesTo: n.attachesTo,
        })),
      };
      if (matches) out.matches = matches;
      write(io.stdout, JSON.stringify(out, null, 2));
    } else if (!matches) {
      if (notes.length === 0) {
        write(io.stdout, lang === 'ko' ? '일치하는 노트가 없습니다.' : 'No notes match.');
      } else {
        for (const n of notes) write(io.stdout, `${n.id.padEnd(34)} ${n.title}  [${n.topics.join(', ')}]`);
        write(io.stdout, '');
        write(io.stdout, attributionText(lang));
      }
    }
    return 0;
  },
};
