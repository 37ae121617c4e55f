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
import { describe, expect, it } from 'vitest';
import { command } from '../../../electron/cli/commands/validate.ts';
import { textSink } from '../../support/cli-io.ts';
import { CONFORMANCE_ASL } from '../../support/corpus.ts';

interface Case {
  source: string;
  kind: 'asl' | 'template';
  aws_verdict: 'valid' | 'invalid' | 'unclear';
  oracle_verdict: 'valid' | 'invalid';
  why_aws_differs_or_is_unclear?: string;
}

const INLINE_MAP_FIELDS =
  'AWS docs, "Map state in Distributed mode" lists ItemReader, ResultWriter, ItemBatcher, ToleratedFailurePercentage/Count and Label as Distributed Map fields, and "Map state in Inline mode" has none of them: a Map without ProcessorConfig.Mode DISTRIBUTED may not carry them. This aws_verdict is the oracle\'s, carried over without review (no adjudication note); the reviewed case statelint-py-arnfix/map_state__test_max_items_zero.json is judged invalid for this very reason';
const READER_URI =
  'the oracle accepts any URI; AWS wants ItemReader.Resource arn:aws:states:::s3:getObject or s3:listObjectsV2 and ResultWriter.Resource arn:aws:states:::s3:putObject, and "arn:x" is neither (the index treats "arn:x" as a Task Resource the same way; its -arnfix copy judges the feature)';
const VERDICT_CONTRADICTS_NOTE =
  'index.json says aws_verdict "valid", but its own note says AWS requires a real ARN and this Resource is "foo:bar": AWS rejects a Task Resource that is not an ARN, so our error is right (the -arnfix copy of the case, which we now agree with, judges the feature under test)';

/**
 * Cases where we disagree with aws_verdict, each with the rule that decides it. `fp`: we report an error on a
 * definition the index calls valid; `fn`: we accept a definition the index calls invalid. Each of these is a case
 * where, by the cited AWS rule, our answer is the right one and the index's verdict is not.
 */
const EXCEPTIONS: Record<string, { kind: 'fp' | 'fn'; rule: string }> = {
  'statelint-awslabs/states-array-intrinsic-functions.json': { kind: 'fp', rule: VERDICT_CONTRADICTS_NOTE },
  'statelint-awslabs/states-array-invocation.json': { kind: 'fp', rule: VERDICT_CONTRADICTS_NOTE },
  'statelint-py-arnfix/map_state__test_empty_reader_config.json': { kind: 'fp', rule: INLINE_MAP_FIELDS },
  'statelint-py-arnfix/map_state__test_ok_2022_min.json': { kind: 'fp', rule: INLINE_MAP_FIELDS },
  'statelint-py-arnfix/map_state__test_ok_arguments_ItemReader.json': { kind: 'fp', rule: INLINE_MAP_FIELDS },
  'statelint-py-arnfix/map_state__test_ok_arguments_ResultWriter.json': { kind: 'fp', rule: INLINE_MAP_FIELDS },
  'statelint-py/map_state__test_empty_reader_config.json': {
    kind: 'fp',
    rule: `${INLINE_MAP_FIELDS}; also ${READER_URI}`,
  },
  'statelint-py/map_state__test_ok_2022_min.json': { kind: 'fp', rule: `${INLINE_MAP_FIELDS}; also ${READER_URI}` },
  'statelint-py/map_state__test_ok_arguments_ItemReader.json': {
    kind: 'fp',
    rule: `${INLINE_MAP_FIELDS}; also ${READER_URI}`,
  },
  'statelint-py/map_state__test_ok_arguments_ResultWriter.json': {
    kind: 'fp',
    rule: `${INLINE_MAP_FIELDS}; also ${READER_URI}`,
  },
  'statelint-py/map_state__test_tolerated_failure_tolerated_failure3-errors3.json': {
    kind: 'fp',
    rule: INLINE_MAP_FIELDS,
  },
  'statelint-py/map_state__test_ok_2022_reader_config0-item_batcher0-max_concurrency0-tf_count0-tf_per0.json': {
    kind: 'fp',
    rule: READER_URI,
  },
  'statelint-py/map_state__test_ok_2022_reader_config1-item_batcher1-max_concurrency1-tf_count1-tf_per1.json': {
    kind: 'fp',
    rule: READER_URI,
  },
};

/** Runs `statescope validate --json FILE`; answers the exit status and the error messages. */
async function validate(file: string): Promise<{ status: number; errors: string[] }> {
  const out = textSink();
  const err = textSink();
  const status = await command.run(['--json', file], {
    stdout: out.stream,
    stderr: err.stream,
    cwd: CONFORMANCE_ASL,
    env: {},
  });
  const json = JSON.parse(out.text()) as {
    files: { diagnostics: { severity: string; message: string; code?: string }[] }[];
  };
  const errors = json.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.severity === 'error').map((d) => `[${d.code}] ${d.message}`),
  );
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
        if (listed)
          stale.push(`${file}: listed as ${listed.kind}, but now agrees with AWS — remove it from EXCEPTIONS`);
        continue;
      }
      const kind = ours === 'invalid' ? 'fp' : 'fn';
      row[kind]++;
      if (!listed || listed.kind !== kind) {
        unlisted.push(
          `${file}: AWS says ${c.aws_verdict}, we say ${ours}${errors.length ? ` (${errors.slice(0, 3).join(' | ')})` : ''}`,
        );
      }
    }
    const lines = ['source                     files agree   FP   FN unclear(skipped)'];
    const total = { files: 0, agree: 0, fp: 0, fn: 0, unclear: 0 };
    for (const [source, r] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(
        `${source.padEnd(26)} ${String(r.files).padStart(5)} ${String(r.agree).padStart(5)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)} ${String(r.unclear).padStart(7)}`,
      );
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    }
    lines.push(
      `${'all'.padEnd(26)} ${String(total.files).padStart(5)} ${String(total.agree).padStart(5)} ${String(total.fp).padStart(4)} ${String(total.fn).padStart(4)} ${String(total.unclear).padStart(7)}`,
    );
    console.log(lines.join('\n'));
    expect(unlisted).toEqual([]);
    expect(stale).toEqual([]);
  }, 900_000);
});
