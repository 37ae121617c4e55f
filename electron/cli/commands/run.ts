/** `statescope run`: runs a state machine offline with mocked Tasks, or replays a recorded execution. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runMachine, type RunResult } from '../../../shared/sfn/interpreter/engine.ts';
import { InterpreterStop } from '../../../shared/sfn/interpreter/errors.ts';
import { MockFormatError, readMocks, type MockSet } from '../../../shared/sfn/interpreter/mocks.ts';
import {
  compareWithHistory,
  mocksFromHistory,
  parsed,
  type ReplayDifference,
} from '../../../shared/sfn/interpreter/replay.ts';
import { loadOneMachine, readJsonFile } from '../interpreter-support.ts';
import type { CliCommand } from '../types.ts';
import { CliFailure, UsageError, parse, printable, write } from '../util.ts';

const short = (v: unknown): string => {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > 120 ? s.slice(0, 117) + '…' : s;
};

function text(result: RunResult, diffs: ReplayDifference[] | undefined): string[] {
  const lines: string[] = [];
  for (const s of result.steps) {
    const retry = s.retries ? ` (retried ${s.retries}×)` : '';
    const end = s.error ? `✗ ${s.error}${s.caught ? ' (caught)' : ''}` : short(s.output);
    lines.push(printable(`  ${s.path}  [${s.type}]${retry}  ${short(s.input)} → ${end}`));
  }
  lines.push(
    result.status === 'SUCCEEDED'
      ? printable(`SUCCEEDED in ${result.durationMs / 1000} s (virtual time): ${short(result.output)}`)
      : printable(`FAILED: ${result.error}${result.cause ? `: ${result.cause}` : ''}`),
  );
  if (diffs) {
    lines.push(
      diffs.length ? `Departs from the recorded execution (${diffs.length}):` : 'Agrees with the recorded execution.',
    );
    for (const d of diffs)
      lines.push(
        printable(`  #${d.index} ${d.state} ${d.field}: recorded ${short(d.recorded)}, now ${short(d.local)}`),
      );
  }
  return lines;
}

export const command: CliCommand = {
  name: 'run',
  summary: 'Run a state machine offline with mocked Task results, or replay a recorded execution',
  usage: [
    'Usage: statescope run DEF --input IN.json [--mocks MOCKS.json] [--test-case NAME] [--machine NAME] [--history OUT.json] [--json]',
    '       statescope run DEF --replay HISTORY.json [--input IN.json] [--json]',
    '',
    'Interprets the state machine in DEF (ASL JSON/YAML or a template) on this machine: nothing is called on AWS,',
    'Wait states and retries advance a virtual clock, and every Task takes its result from the mocks. Prints the',
    "path, each state's input and output, and the final output or error.",
    '',
    'Options:',
    '  --input FILE      the execution input (JSON); {} when absent',
    '  --mocks FILE      Task results: a Step Functions Local mock configuration (StateMachines/TestCases/',
    '                    MockedResponses) or TestState-style mocks ({"State": {"result": "…"} | {"errorOutput": …}})',
    '  --test-case NAME  the test case to use in a Step Functions Local mock file',
    '  --machine NAME    the state machine in DEF (and in the mock file)',
    '  --replay FILE     a GetExecutionHistory file: its recorded Task results become the mocks, its input the',
    '                    input, and the run is compared with it (path, state inputs and outputs)',
    '  --history FILE    also write the run as a GetExecutionHistory file ({"events": […]}): open it in the app,',
    '                    or keep it as a regression check that `run DEF --replay FILE` repeats in CI',
    '  --json            print the run as JSON: status, output/error, steps, and the execution history events',
    '  -h, --help        show this help',
    '',
    'Exit status: 0 the execution succeeded (with --replay: and agrees with the recording), 1 it failed (or',
    'departs from the recording), 2 bad usage, unreadable input, or a Task without a mock (the message names it).',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parse(argv, {
      input: { type: 'string' },
      mocks: { type: 'string' },
      'test-case': { type: 'string' },
      machine: { type: 'string' },
      replay: { type: 'string' },
      history: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? 'DEF is required.' : 'give exactly one DEF.');
    if (values.replay !== undefined && values.mocks !== undefined)
      throw new UsageError('--replay takes its mocks from the history; leave out --mocks.');
    const { name, definition } = await loadOneMachine(positionals[0]!, values.machine, io);
    let input: unknown = values.input !== undefined ? await readJsonFile(values.input, 'input', io) : undefined;
    let mocks: MockSet | undefined;
    let replayEvents: Record<string, unknown>[] | undefined;
    let resolveMock;
    if (values.mocks !== undefined) {
      try {
        mocks = readMocks(await readJsonFile(values.mocks, 'mock file', io), {
          machine: values.machine,
          testCase: values['test-case'],
        });
      } catch (err) {
        if (err instanceof MockFormatError) throw new CliFailure(`${values.mocks}: ${err.message}`);
        throw err;
      }
    } else if (values['test-case'] !== undefined) throw new UsageError('--test-case needs --mocks.');
    if (values.replay !== undefined) {
      const history = (await readJsonFile(values.replay, 'execution history', io)) as { events?: unknown };
      if (!history || !Array.isArray(history.events))
        throw new CliFailure(`${values.replay} is not an execution history (no "events" list).`);
      replayEvents = history.events as Record<string, unknown>[];
      resolveMock = mocksFromHistory(replayEvents).resolve;
      if (input === undefined) {
        const started = replayEvents.find((e) => e.type === 'ExecutionStarted');
        input = parsed((started?.executionStartedEventDetails as Record<string, unknown> | undefined)?.input);
      }
    }
    let result: RunResult;
    try {
      result = await runMachine(definition, { input: input ?? {}, mocks, resolveMock, stateMachineName: name });
    } catch (err) {
      if (err instanceof InterpreterStop) throw new CliFailure(err.message);
      throw err;
    }
    const diffs = replayEvents ? compareWithHistory(result, replayEvents) : undefined;
    if (values.history !== undefined) {
      try {
        await writeFile(
          path.resolve(io.cwd, values.history),
          `${JSON.stringify({ events: result.events }, null, 2)}\n`,
        );
      } catch (err) {
        throw new CliFailure(`cannot write ${values.history}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
      }
    }
    if (values.json) {
      write(
        io.stdout,
        JSON.stringify(
          {
            status: result.status,
            ...(result.status === 'SUCCEEDED'
              ? { output: result.output }
              : { error: result.error, cause: result.cause }),
            durationMs: result.durationMs,
            path: result.steps.map((s) => s.path),
            steps: result.steps.map(({ stages, ...s }) => ({ ...s, stages })),
            ...(diffs ? { differences: diffs } : {}),
            events: result.events,
          },
          null,
          2,
        ),
      );
    } else {
      write(io.stdout, text(result, diffs).join('\n'));
    }
    if (diffs && diffs.length) return 1;
    return result.status === 'SUCCEEDED' ? 0 : 1;
  },
};
