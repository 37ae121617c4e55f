/**
 * Validation over the shared real-world corpus. Every definition its source calls invalid must get at least one
 * error, and the table in corpus-report.md says whether our first matching error is about what the source says is
 * wrong. Every definition its source calls valid, and every machine of every template, must get no error — except
 * the files listed below, each with the reason the error is right (the file really is wrong for Step Functions,
 * or it is a test template whose placeholders a harness fills in).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../shared/diagnostics.ts';
import { loadDocument } from '../../../shared/asl/load.ts';
import { validateDocument } from '../../../electron/host/asl-validate.ts';
import { CORPUS } from '../../support/corpus.ts';

const corpusPath = CORPUS;
const reportPath = fileURLToPath(new URL('./corpus-report.md', import.meta.url));

interface Entry {
  path: string;
  kind: string;
  notes?: string;
}

const LOCALSTACK_PLACEHOLDER =
  'LocalStack test template: "__tbd__"/"_tbd_"/"%…_PLACEHOLDER%" values are filled in by its test harness before use';
const DUPLICATE =
  'state name "Second" is used in two Parallel branches; Step Functions wants names unique across the machine (ASLS does not check this)';
const ARN_NOT_CHECKED =
  'the language service does not check ARNs on purpose; this Resource is not an ARN Step Functions accepts';
const CREDENTIALS =
  'Credentials without RoleArn: AWS answers "The field \'RoleArn\' is required" (recorded by LocalStack for credentials__invalid_credentials_field)';
const INLINE_MAP =
  'ItemReader/ResultWriter/Label/ToleratedFailure* on a Map without ProcessorConfig.Mode DISTRIBUTED (so INLINE): the AWS docs list them only as Distributed Map fields; asl-validator accepts them';
const DOC_PARTITION = 'documentation example: "arn:<PARTITION>:…" is a fill-in-the-blanks ARN';

/** Valid-by-source files where an error is right, with the codes we give and why. */
const EXPECTED_ERRORS: Record<string, { codes: string[]; why: string }> = {
  'asl/valid/amazon-states-language-service/json-documentSucceedFailTerminalState.asl.json': {
    codes: ['duplicate-state-name'],
    why: DUPLICATE,
  },
  'asl/valid/amazon-states-language-service/json-documentTaskInvalidArn.asl.json': {
    codes: ['invalid-resource'],
    why: ARN_NOT_CHECKED,
  },
  'asl/valid/amazon-states-language-service/yaml-documentParametersNull.asl.yaml': {
    codes: ['bad-value'],
    why: 'Parameters: null — ASLS accepts it; the service and asl-validator want an object (payload template)',
  },
  'asl/valid/amazon-states-language-service/yaml-documentSucceedFailTerminalState.asl.yaml': {
    codes: ['duplicate-state-name'],
    why: DUPLICATE,
  },
  'asl/valid/amazon-states-language-service/yaml-documentTaskInvalidArn.asl.yaml': {
    codes: ['invalid-resource'],
    why: ARN_NOT_CHECKED,
  },
  'asl/valid/amazon-states-language-service/yaml-documentTaskValidVariableSubstitution.asl.yaml': {
    codes: ['invalid-resource'],
    why: ARN_NOT_CHECKED,
  },
  'asl/valid/amazon-states-language-service/yaml-documentValidParametersIntrinsicFunction.asl.yaml': {
    codes: ['invalid-path'],
    why: 'States.Format($.template $.firstName $.lastName) has no commas between arguments; ASLS only checks the function name',
  },
  'asl/valid/amazon-states-language-service/yaml-documentValidResultSelectorIntrinsicFunction.asl.yaml': {
    codes: ['invalid-path'],
    why: 'States.Format($.template $.firstName $.lastName) has no commas between arguments; ASLS only checks the function name',
  },
  'asl/valid/asl-validator/valid-map-noconfig.asl.json': { codes: ['distributed-map-only'], why: INLINE_MAP },
  'asl/valid/asl-validator/valid-map-tolerated.json': { codes: ['distributed-map-only'], why: INLINE_MAP },
  'asl/valid/localstack/scenarios__map_state_items_literal.json5': {
    codes: ['bad-value'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/asl-validator/valid-task-credentials.json': { codes: ['field-required'], why: CREDENTIALS },
  'asl/valid/localstack/activities__base_activity_task.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/activities__base_activity_task_heartbeat.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/activities__base_activity_task_timeout.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/arguments__base_lambda_empty.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/arguments__base_lambda_empty_global_ql_jsonata.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/arguments__base_lambda_expressions.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/arguments__base_lambda_literals.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/assign__task_retry_reference_exception.json5': {
    codes: ['invalid-resource', 'wrong-type'],
    why: 'LocalStack expects this to fail at runtime (Resource "$.FunctionName", Retry fields holding paths): the test asserts the exception',
  },
  'asl/valid/localstack/base__task_seq_2.json5': { codes: ['invalid-resource'], why: LOCALSTACK_PLACEHOLDER },
  'asl/valid/localstack/choiceoperators__template.json5': {
    codes: ['choice-rule-no-operator'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/comment__comments_as_per_docs.json5': {
    codes: ['invalid-resource'],
    why: 'documentation example: Resource arn:aws:lambda:your-region:your-account-id:… is a fill-in-the-blanks ARN',
  },
  'asl/valid/localstack/context_object__context_object_input_path.json5': {
    codes: ['invalid-path'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/context_object__context_object_items_path.json5': {
    codes: ['invalid-path'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/context_object__context_object_output_path.json5': {
    codes: ['invalid-path'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/context_object__context_object_result_selector.json5': {
    codes: ['invalid-path'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/context_object__context_object_variable.json5': {
    codes: ['invalid-path'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/credentials__empty_credentials.json5': { codes: ['field-required'], why: CREDENTIALS },
  'asl/valid/localstack/credentials__lambda_task.json5': { codes: ['invalid-resource'], why: LOCALSTACK_PLACEHOLDER },
  'asl/valid/localstack/errorhandling__task_lambda_invoke_catch_all.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/errorhandling__task_lambda_invoke_catch_data_limit_exceeded.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/errorhandling__task_lambda_invoke_catch_relevant.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/errorhandling__task_lambda_invoke_catch_tbd.json5': {
    codes: ['invalid-resource', 'too-few-items'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/errorhandling__task_lambda_invoke_catch_unknown.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/errorhandling__task_service_lambda_invoke_catch_tbd.json5': {
    codes: ['too-few-items'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/outputdecl__base_lambda.json5': { codes: ['invalid-resource'], why: LOCALSTACK_PLACEHOLDER },
  'asl/valid/localstack/querylanguage__task_lambda_legacy_resource_from_jsonata_to_jsonpath.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/querylanguage__task_lambda_legacy_resource_from_jsonpath_to_jsonata.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__catch_empty.json5': { codes: ['invalid-resource'], why: LOCALSTACK_PLACEHOLDER },
  'asl/valid/localstack/scenarios__catch_states_runtime.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__lambda_empty_retry.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__lambda_invoke_with_retry_base.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__lambda_invoke_with_retry_extended_input.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__map_item_reader_base_csv_headers_decl.json5': {
    codes: ['wrong-type'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__map_state_config_distributed_reentrant_lambda.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__map_state_label_empty_fail.json5': {
    codes: ['too-short'],
    why: 'LocalStack expects this to fail (empty Map Label), as its name says',
  },
  'asl/valid/localstack/scenarios__retry_interval_features.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/scenarios__retry_interval_features_jitter_none.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/services__lambda_input_parameters_filter.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/services__lambda_invoke_pipe.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/services__lambda_invoke_resource.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/localstack/test_state__base_map_state_machine_choice_fail.json5': {
    codes: ['unknown-target', 'unreachable-state'],
    why: 'fragment for the TestState API: StartAt names a state that is not in the file and the processor StartAt is wrong too',
  },
  'asl/valid/localstack/timeouts__lambda_wait_with_timeout_seconds.json5': {
    codes: ['invalid-resource'],
    why: LOCALSTACK_PLACEHOLDER,
  },
  'asl/valid/sfn-devguide/sample-apigateway-ecs-workflow__block01.asl.json': {
    codes: ['invalid-resource'],
    why: DOC_PARTITION,
  },
  'asl/valid/sfn-devguide/sample-emr-job__block01.asl.json': { codes: ['invalid-resource'], why: DOC_PARTITION },
  'asl/valid/sfn-devguide/sample-eventbridge-custom-event__block01.asl.json': {
    codes: ['invalid-resource'],
    why: DOC_PARTITION,
  },
  'asl/valid/sfn-devguide/sample-project-express-high-volume-sqs__block03.asl.json': {
    codes: ['invalid-resource'],
    why: DOC_PARTITION,
  },
  'asl/valid/sfn-devguide/sample-project-express-selective-checkpointing__block01.asl.json': {
    codes: ['invalid-resource'],
    why: DOC_PARTITION,
  },
  'asl/valid/sfn-devguide/sample-project-job-poller__block02.asl.json': {
    codes: ['invalid-resource'],
    why: 'documentation typo: "arn:aws::lambda:us-east-1:…" has the region in the account position',
  },
  'asl/valid/sfn-workflows-collection/shared-fallback-state-jsonata__statemachine.asl.json': {
    codes: ['unreachable-state', 'jsonata-field-in-jsonpath-state'],
    why: '"QueryLanguage": "JSONata" is written inside States (as if it were a state), so the machine is JSONPath and its JSONata fields are misplaced; broken as committed upstream',
  },
  'asl/templates/sfn-workflows-collection/shared-fallback-state-jsonata__template.yaml': {
    codes: ['unreachable-state', 'jsonata-field-in-jsonpath-state'],
    why: 'its DefinitionUri file: "QueryLanguage": "JSONata" is written inside States (as if it were a state), so the machine is JSONPath and its JSONata fields are misplaced; broken as committed upstream',
  },
};

/** Invalid-by-source files we do not call errors, and why. */
const EXPECTED_MISSES: Record<string, string> = {
  'asl/invalid/asl-validator/invalid-jsonata-surround-syntax-no-spaces.json':
    '"{%10%}": asl-validator wants a space after "{%", but a published AWS sample (bedrock-evaluations) runs "{%$lowercase(…) %}", so this is a warning, not an error',
  'asl/invalid/asl-validator/invalid-json-surround-syntax-extra-spaces.json':
    '"{% \\n10 %}": asl-validator rejects a line break inside the delimiters; Step Functions documents no such rule, so it is accepted',
};

/** What the source's stated reason is about, as our codes (first matching rule wins). */
const REASON_CODES: [RegExp, string[]][] = [
  [/JSON syntax error/, ['syntax']],
  [/QueryLanguage JSONPath under top-level JSONata/, ['query-language-downgrade']],
  [/Value is not accepted|unknown state Type/, ['bad-value']],
  [/jsonata syntax|"assign"/, ['jsonata-syntax']],
  [/surround syntax/, ['jsonata-delimiters']],
  [/jsonata (path )?fields|"map items"/, ['jsonpath-field-in-jsonata-state']],
  [/cfn definition substitutions|alias function/, ['invalid-resource']],
  [/duplicate fields|dupe fields/, ['duplicate-field']],
  [/duplicate key/, ['duplicate-key']],
  [/dupe state/, ['duplicate-state-name']],
  [/"choice state"/, ['field-required', 'field-not-allowed', 'bad-value']],
  [/Choice Rule can only have one|invalid properties within Choices/, ['choice-rule-operators', 'field-not-allowed']],
  [/Field is not supported|additional (invalid )?properties|ajv additional/, ['field-not-allowed']],
  [/must be the name of an existing state|inexistant state|ob link/, ['unknown-target']],
  [/terminal state|missing terminal/, ['no-terminal-state']],
  [/cannot be reached|unreachable state/, ['unreachable-state']],
  [
    /cannot set both|dupe (cause|error)|"task (heartbeat|timout)"|"map tolerated"|item batcher dupe|"map distributed"|wait duration|next with end/,
    ['exclusive-fields'],
  ],
  [
    /valid JSONPath|json path|payload template|exercise ajv"|math add|variable result path|intrinsic|choice state variable/i,
    ['invalid-path'],
  ],
  [/minimum|maximum|tolerated value/, ['out-of-range']],
  [/Incorrect type|error equals type|parallel branch type/, ['wrong-type']],
  [/state name too long/, ['state-name-too-long']],
  [/[Cc]redentials/, ['field-required']],
  [/Missing property|required|missing (iterator|branches)|no startat|"error equals"/i, ['field-required']],
];

function reasonCodes(notes: string): string[] {
  for (const [pattern, codes] of REASON_CODES) if (pattern.test(notes)) return codes;
  return [];
}

let index: Entry[] | undefined;
async function entries(kind: string): Promise<Entry[]> {
  index ??= JSON.parse(await readFile(path.join(corpusPath, 'index.json'), 'utf8')) as Entry[];
  return index.filter((e) => e.kind === kind);
}

/** A corpus file name without its `<workflow>__` prefix and `__N` suffix: the name a template refers to. */
function originalName(corpusFile: string): string {
  const base = corpusFile.split('/').pop()!;
  return base
    .slice(base.indexOf('__') + 2)
    .replace(/__\d+(\.[^/]*)$/, '$1')
    .replace(/__\d+$/, '');
}

/**
 * Errors for one corpus file: the loader's too for invalid files (a syntax error is the point of some), only
 * validation's for the others (the loader's own corpus test covers its errors). A template's DefinitionUri is
 * read from the corpus file index.json names for it.
 */
async function errorsFor(entry: Entry): Promise<Diagnostic[]> {
  const file = path.join(corpusPath, entry.path);
  const targets = [...String(entry.notes ?? '').matchAll(/DefinitionUri -> (asl\/[^\s;]+)/g)].map((m) => m[1]!);
  const doc = await loadDocument(file, await readFile(file, 'utf8'), {
    readFile: async (uri) => {
      const target = targets.find((t) => originalName(t) === uri.split('/').pop());
      if (!target) throw new Error(`${uri} is not in the corpus`);
      return readFile(path.join(corpusPath, target), 'utf8');
    },
  });
  const validation = await validateDocument(doc);
  const all = entry.kind === 'asl-invalid' ? [...doc.diagnostics, ...validation] : validation;
  return all.filter((d) => d.severity === 'error');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 220);

describe('validation over the corpus', () => {
  it('gives every invalid definition an error about what its source says is wrong', async () => {
    const rows: string[] = [];
    const missing: string[] = [];
    const disagree: string[] = [];
    for (const entry of await entries('asl-invalid')) {
      const errors = await errorsFor(entry);
      const reason = (entry.notes ?? '').replace(/^reason:\s*/, '');
      const wanted = reasonCodes(reason.replace(/\[test also filters out:[^\]]*\]/g, ''));
      const match = errors.find((d) => d.code !== undefined && wanted.includes(d.code));
      const agree = match !== undefined;
      if (errors.length === 0 && !EXPECTED_MISSES[entry.path]) missing.push(entry.path);
      if (errors.length > 0 && !agree)
        disagree.push(`${entry.path}: wanted ${wanted.join('/') || '?'}, got ${errors.map((d) => d.code).join(',')}`);
      const shown = match ?? errors[0];
      const ours = shown
        ? `${shown.line}:${shown.column} ${shown.message}`
        : `(none) ${EXPECTED_MISSES[entry.path] ?? ''}`;
      rows.push(
        `| ${entry.path.replace(/^asl\/invalid\//, '')} | ${cell(reason)} | ${cell(ours)} | ${agree ? 'yes' : 'no'} |`,
      );
    }
    const agreeing = rows.filter((r) => r.endsWith('| yes |')).length;
    const summary = `${rows.length} invalid files: ${agreeing} agree, ${rows.length - agreeing} do not (expected misses: ${Object.keys(EXPECTED_MISSES).length})`;
    console.log(summary);
    // The tracked report is rewritten only on request (`UPDATE_REPORTS=1 npx vitest run test/unit/validate`):
    // a test run never writes tracked files.
    if (process.env.UPDATE_REPORTS === '1')
      await writeFile(
        reportPath,
        [
          '# Validation over the corpus: invalid definitions',
          '',
          'Written by `test/unit/validate/corpus.test.ts`. For every `asl-invalid` file of test/corpus: the reason',
          'its source gives (index.json notes), our error about that reason (or our first error), and whether they agree.',
          '',
          summary,
          '',
          '| file | stated reason | our error (line:column message) | agree |',
          '| --- | --- | --- | --- |',
          ...rows,
          '',
          '## Valid-by-source files where an error is right',
          '',
          '| file | our codes | why |',
          '| --- | --- | --- |',
          ...Object.entries(EXPECTED_ERRORS).map(([file, e]) => `| ${file} | ${e.codes.join(', ')} | ${cell(e.why)} |`),
          '',
        ].join('\n'),
      );
    expect(missing).toEqual([]);
    expect(disagree).toEqual([]);
    for (const file of Object.keys(EXPECTED_MISSES))
      expect(rows.some((r) => r.startsWith(`| ${file.replace(/^asl\/invalid\//, '')} `))).toBe(true);
  }, 900_000);

  for (const kind of ['asl', 'template']) {
    it(`gives no error to ${kind === 'asl' ? 'valid definitions' : 'the machines of templates'} (except the listed ones)`, async () => {
      const unexpected: string[] = [];
      const stale: string[] = [];
      let checked = 0;
      for (const entry of await entries(kind)) {
        checked++;
        const errors = await errorsFor(entry);
        const expected = EXPECTED_ERRORS[entry.path];
        if (expected) {
          const codes = new Set(errors.map((d) => d.code));
          if (errors.length === 0 || ![...codes].every((c) => c !== undefined && expected.codes.includes(c))) {
            stale.push(
              `${entry.path}: listed with ${expected.codes.join(',')}, got ${[...codes].join(',') || 'no error'}`,
            );
          }
          continue;
        }
        for (const d of errors)
          unexpected.push(`${entry.path}:${d.line}:${d.column} [${d.source}/${d.code}] ${d.message}`);
      }
      console.log(
        `${kind}: ${checked} files, ${unexpected.length} unexpected errors, ${Object.keys(EXPECTED_ERRORS).filter((f) => f.includes(kind === 'asl' ? '/valid/' : '/templates/')).length} listed`,
      );
      expect(unexpected).toEqual([]);
      expect(stale).toEqual([]);
    }, 900_000);
  }

  it('never words a message the way the schema libraries do', async () => {
    const wording = /oneOf|anyOf|must match exactly one schema|additionalProperties|is invalid\. must/;
    const bad: string[] = [];
    for (const entry of await entries('asl-invalid')) {
      for (const d of await errorsFor(entry)) if (wording.test(d.message)) bad.push(`${entry.path}: ${d.message}`);
    }
    expect(bad).toEqual([]);
  }, 900_000);
});
