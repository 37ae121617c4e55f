/**
 * ASL conformance: the 350 linter cases of test/conformance/asl (awslabs/statelint, its Python port, wmfs' fork,
 * cfn-lint's state-machine rule), each run through `statescope validate` exactly as a user runs it (the command's
 * own `run`, in process), and judged against `aws_verdict` — what AWS does with the definition, per the ASL
 * specification and the AWS documentation — not against the linter's own expectation. A case is "invalid" for us
 * when the command exits non-zero (an error, or a file that cannot be loaded at all).
 *
 * Prints agreement per source folder. Every disagreement must be listed in EXCEPTIONS with the AWS rule that
 * decides it; a listed case that starts to agree fails too, so the list only ever shrinks on purpose.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { command } from '../../../electron/cli/commands/validate.ts';
import { CONFORMANCE_ASL } from '../../support/corpus.ts';

interface Case {
  source: string;
  kind: 'asl' | 'template';
  aws_verdict: 'valid' | 'invalid' | 'unclear';
  oracle_verdict: 'valid' | 'invalid';
  why_aws_differs_or_is_unclear?: string;
}

const STATES_ALL =
  'ASL spec, "Retrying after error" / "Fallback states": States.ALL MUST appear alone in its ErrorEquals array and MUST be in the last Retrier (Catcher); AWS rejects the definition (SCHEMA_VALIDATION_FAILED)';
const DECIMAL_LITERAL =
  'ASL spec, "Intrinsic Functions": arguments may be string literals, numbers, booleans, null or paths; 2.3 is a number and AWS accepts it (awslabs/statelint tests it as valid; asl-validator issue #165)';
const DISTRIBUTED_ONLY =
  'AWS docs, "Map state" fields: ItemReader, ResultWriter, ItemBatcher and ToleratedFailure* are for Distributed mode only (ProcessorConfig.Mode DISTRIBUTED); an inline Map with them is rejected';
const VERDICT_CONTRADICTS_NOTE =
  'index.json says aws_verdict "valid", but its own note says AWS requires a real ARN and this Resource is "foo:bar": AWS rejects a Task Resource that is not an ARN, so our error is right (the -arnfix copy of the case judges the feature under test)';

/**
 * Cases where we disagree with AWS today, each with the rule that decides it. `fp`: we report an error on a
 * definition AWS accepts; `fn`: we accept a definition AWS rejects.
 */
const EXCEPTIONS: Record<string, { kind: 'fp' | 'fn'; rule: string }> = {
  'cfn-lint-rule/valid-string-json-L678.template.json': { kind: 'fn', rule: 'CloudFormation, AWS::StepFunctions::StateMachine: DefinitionSubstitutions is a map of string to string; a string is rejected, and ${jobqueue} stays undefined' },
  'statelint-awslabs-arnfix/states-array-intrinsic-functions.json': { kind: 'fp', rule: DECIMAL_LITERAL },
  'statelint-awslabs-arnfix/states-array-invocation.json': { kind: 'fp', rule: DECIMAL_LITERAL },
  'statelint-awslabs/states-array-intrinsic-functions.json': { kind: 'fp', rule: VERDICT_CONTRADICTS_NOTE },
  'statelint-awslabs/states-array-invocation.json': { kind: 'fp', rule: VERDICT_CONTRADICTS_NOTE },
  'statelint-awslabs-inline/states-all-not-alone.json': { kind: 'fn', rule: STATES_ALL },
  'statelint-awslabs-inline/states-all-not-last.json': { kind: 'fn', rule: STATES_ALL },
  'statelint-py-arnfix/catcher__test_states_all_not_by_itself.json': { kind: 'fn', rule: STATES_ALL },
  'statelint-py-arnfix/catcher__test_states_all_not_last.json': { kind: 'fn', rule: STATES_ALL },
  'statelint-py-arnfix/map_state__test_max_items_zero.json': { kind: 'fn', rule: DISTRIBUTED_ONLY },
  'statelint-py-arnfix/map_state__test_ng_arguments_ItemReader.json': { kind: 'fn', rule: `${DISTRIBUTED_ONLY}; and Arguments is a JSONata field, not allowed in a JSONPath ItemReader` },
  'statelint-py-arnfix/map_state__test_ng_arguments_ResultWriter.json': { kind: 'fn', rule: `${DISTRIBUTED_ONLY}; and Arguments is a JSONata field, not allowed in a JSONPath ResultWriter` },
  'statelint-py-arnfix/map_state__test_result_writer_with_reader_config.json': { kind: 'fn', rule: 'AWS docs, "ResultWriter (Map)": its fields are Resource, Parameters/Arguments and WriterConfig; ReaderConfig belongs to ItemReader' },
  'statelint-py/map_state__test_ng_arguments_ItemReader.json': { kind: 'fn', rule: `${DISTRIBUTED_ONLY}; and Arguments is a JSONata field, not allowed in a JSONPath ItemReader` },
  'statelint-py/map_state__test_ng_arguments_ResultWriter.json': { kind: 'fn', rule: `${DISTRIBUTED_ONLY}; and Arguments is a JSONata field, not allowed in a JSONPath ResultWriter` },
  'statelint-py/map_state__test_result_writer_with_reader_config.json': { kind: 'fn', rule: 'AWS docs, "ResultWriter (Map)": its fields are Resource, Parameters/Arguments and WriterConfig; ReaderConfig belongs to ItemReader' },
  'statelint-py/map_state__test_ng_items_items1.json': { kind: 'fn', rule: 'AWS docs, "Map state", Items (JSONata only): a JSON array or a JSONata expression that evaluates to an array; an object is rejected' },
  'statelint-py/map_state__test_ng_items_states.input.detail.shipped.json': { kind: 'fn', rule: 'AWS docs, "Map state", Items (JSONata only): a JSON array or a {% %} JSONata expression; a plain string is neither' },
  'statelint-py/parameters__test_main_parameters5-expected5.json': { kind: 'fn', rule: 'ASL spec, "Payload Template": a field whose name ends in ".$" MUST have a path (or intrinsic function) as its value, at any depth, in arrays too; "c" is not a path' },
  'statelint-py/parameters__test_main_parameters6-expected6.json': { kind: 'fn', rule: 'ASL spec, "Payload Template": a field whose name ends in ".$" MUST have a path (or intrinsic function) as its value, at any depth, in arrays too; "x" is not a path' },
};

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs `statescope validate --json FILE`; answers the exit status and the error messages. */
async function validate(file: string): Promise<{ status: number; errors: string[] }> {
  const out = sink();
  const err = sink();
  const status = await command.run(['--json', file], { stdout: out.stream, stderr: err.stream, cwd: CONFORMANCE_ASL, env: {} });
  const json = JSON.parse(out.text()) as { files: { diagnostics: { severity: string; message: string; code?: string }[] }[] };
  const errors = json.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `[${d.code}] ${d.message}`));
  return { status, errors };
}

describe('ASL conformance cases (judged against aws_verdict)', () => {
  it('agrees with AWS on every case, except the listed ones', async () => {
    const index = JSON.parse(await readFile(path.join(CONFORMANCE_ASL, 'index.json'), 'utf8')) as Record<string, Case>;
    const rows = new Map<string, { files: number; agree: number; fp: number; fn: number; unclear: number }>();
    const unlisted: string[] = [];
    const stale: string[] = [];
    for (const [file, c] of Object.entries(index)) {
      const row = rows.get(c.source) ?? { files: 0, agree: 0, fp: 0, fn: 0, unclear: 0 };
      rows.set(c.source, row);
      row.files++;
      if (c.aws_verdict === 'unclear') {
        row.unclear++;
        continue;
      }
      const { status, errors } = await validate(file);
      const ours = status === 0 ? 'valid' : 'invalid';
      const listed = EXCEPTIONS[file];
      if (ours === c.aws_verdict) {
        row.agree++;
        if (listed) stale.push(`${file}: listed as ${listed.kind}, but now agrees with AWS — remove it from EXCEPTIONS`);
        continue;
      }
      const kind = ours === 'invalid' ? 'fp' : 'fn';
      row[kind]++;
      if (!listed || listed.kind !== kind) {
        unlisted.push(`${file}: AWS says ${c.aws_verdict}, we say ${ours}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}`);
      }
    }
    const lines = ['source                     files agree   FP   FN unclear(skipped)'];
    const total = { files: 0, agree: 0, fp: 0, fn: 0, unclear: 0 };
    for (const [source, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`${source.padEnd(26)} ${String(r.files).padStart(5)} ${String(r.agree).padStart(5)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)} ${String(r.unclear).padStart(7)}`);
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    }
    lines.push(`${'all'.padEnd(26)} ${String(total.files).padStart(5)} ${String(total.agree).padStart(5)} ${String(total.fp).padStart(4)} ${String(total.fn).padStart(4)} ${String(total.unclear).padStart(7)}`);
    console.log(lines.join('\n'));
    expect(unlisted).toEqual([]);
    expect(stale).toEqual([]);
  }, 900_000);
});
