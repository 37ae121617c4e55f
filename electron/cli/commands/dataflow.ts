/** `statescope dataflow`: one state's data flow, stage by stage, TestState-shaped. */
import { InterpreterStop } from '../../../shared/sfn/interpreter/errors.ts';
import { MockFormatError } from '../../../shared/sfn/interpreter/mocks.ts';
import { testState } from '../../../shared/sfn/interpreter/teststate.ts';
import { loadOneMachine, readJsonFile } from '../interpreter-support.ts';
import type { CliCommand } from '../types.ts';
import { CliFailure, UsageError, parse, printable, write } from '../util.ts';

export const command: CliCommand = {
  name: 'dataflow',
  summary:
    "Show one state's data flow (InputPath, Parameters/Arguments, result, ResultSelector, ResultPath, OutputPath)",
  usage: [
    'Usage: statescope dataflow DEF --state NAME --input IN.json [--result R.json | --error NAME [--cause TEXT]]',
    '                           [--variables V.json] [--machine NAME] [--json]',
    '',
    'Runs one state of DEF offline, as the TestState API does, and prints the value after each stage and the',
    'stage that failed. A Task needs --result (its mocked result) or --error.',
    '',
    'Options:',
    '  --state NAME      the state (nested states of Parallel and Map too)',
    '  --input FILE      the state input (JSON); {} when absent',
    '  --result FILE     the Task result to use (JSON)',
    '  --error NAME      make the Task fail with this error (Retry/Catch decide what follows)',
    '  --cause TEXT      the cause for --error',
    '  --variables FILE  workflow variables in scope (a JSON object)',
    "  --retry-count N   retries already done (TestState's retrierRetryCount)",
    '  --machine NAME    the state machine in DEF',
    '  --json            print the TestState-shaped result (status, output, error, cause, nextState,',
    '                    inspectionData) plus "stages" and "failedStage"',
    '  -h, --help        show this help',
    '',
    'Exit status: 0 the state succeeded (or its error was caught or is retriable), 1 it failed, 2 bad usage.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      state: { type: 'string' },
      input: { type: 'string' },
      result: { type: 'string' },
      error: { type: 'string' },
      cause: { type: 'string' },
      variables: { type: 'string' },
      'retry-count': { type: 'string' },
      machine: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? 'DEF is required.' : 'give exactly one DEF.');
    if (values.state === undefined) throw new UsageError('--state NAME is required.');
    if (values.result !== undefined && values.error !== undefined)
      throw new UsageError('give --result or --error, not both.');
    const retries = values['retry-count'] === undefined ? 0 : Number(values['retry-count']);
    if (!Number.isInteger(retries) || retries < 0)
      throw new UsageError('--retry-count must be a non-negative integer.');
    const { definition } = await loadOneMachine(positionals[0]!, values.machine, io);
    const input = values.input !== undefined ? await readJsonFile(values.input, 'input', io) : {};
    const variables = values.variables !== undefined ? await readJsonFile(values.variables, 'variables file', io) : {};
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables))
      throw new CliFailure('the variables file must hold a JSON object.');
    const mock =
      values.result !== undefined
        ? { result: await readJsonFile(values.result, 'result', io) }
        : values.error !== undefined
          ? { errorOutput: { error: values.error, cause: values.cause ?? '' } }
          : undefined;
    let out;
    try {
      out = await testState({
        definition,
        stateName: values.state,
        input,
        variables: variables as Record<string, unknown>,
        mock,
        stateConfiguration: { retrierRetryCount: retries },
      });
    } catch (err) {
      if (err instanceof InterpreterStop || err instanceof MockFormatError) {
        throw new CliFailure(
          err instanceof InterpreterStop && err.state
            ? `${err.message} Give it with --result or --error.`
            : err.message,
        );
      }
      throw err;
    }
    const { step, ...shaped } = out;
    if (values.json) {
      write(
        io.stdout,
        JSON.stringify(
          { ...shaped, stages: step?.stages ?? [], ...(step?.failedStage ? { failedStage: step.failedStage } : {}) },
          null,
          2,
        ),
      );
    } else {
      for (const s of step?.stages ?? [])
        write(io.stdout, printable(`  ${s.stage.padEnd(20)} ${JSON.stringify(s.value)}`));
      if (step?.failedStage)
        write(io.stdout, printable(`  ${String(step.failedStage).padEnd(20)} ✗ ${out.error}: ${out.cause}`));
      write(
        io.stdout,
        printable(
          `${out.status}${out.nextState ? ` → ${out.nextState}` : ''}${out.error && out.status !== 'FAILED' ? ` (${out.error})` : ''}`,
        ),
      );
    }
    return out.status === 'FAILED' ? 1 : 0;
  },
};
