/**
 * What the document worker opens and lays out while the page is idle after start, so the first file a user opens
 * does not run the loader, the graph builder and the layout cold. A fresh worker compiles each function on its
 * first call and optimises it only after many: with a three-state machine the first real file still ran most of
 * the layout's code for the first time (its status bar showed 70–120 ms for layouts Node does in 1 ms warm).
 *
 * The JSON machine touches what real machines use: every state type, Choice with a loop back, Parallel with two
 * branches, a Map with an ItemProcessor, Retry and Catch, a state that retries itself, crossings to remove. It is
 * laid out twice (`WARM_UP_ROUNDS`), the second time with its Parallel collapsed. The YAML one runs the YAML parser.
 * Nothing here may need elkjs: the small layered layout draws both (a unit test holds that), so warming never
 * loads elkjs.
 */

const task = (next: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:step', 'Payload.$': '$' },
  ResultPath: '$.result',
  Next: next,
  ...extra,
});

const retry = [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];
const catchTo = (next: string) => [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: next }];

export const WARM_UP_JSON = JSON.stringify({
  Comment: 'Warms the document worker',
  StartAt: 'Validate',
  States: {
    Validate: task('Route', { Retry: retry, Catch: catchTo('Report failure') }),
    Route: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.kind', StringEquals: 'batch', Next: 'Process items' },
        { Variable: '$.kind', StringEquals: 'fan-out', Next: 'Fan out' },
        {
          And: [
            { Variable: '$.retry', IsPresent: true },
            { Variable: '$.retry', NumericLessThan: 3 },
          ],
          Next: 'Wait a bit',
        },
      ],
      Default: 'Record',
    },
    'Wait a bit': { Type: 'Wait', Seconds: 5, Next: 'Validate' },
    'Process items': {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 4,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Check item',
        States: {
          'Check item': {
            Type: 'Choice',
            Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Transform' }],
            Default: 'Skip',
          },
          Transform: task('Store', { Retry: retry }),
          Store: task('Item done', { Catch: catchTo('Skip') }),
          Skip: { Type: 'Pass', Result: 'skipped', Next: 'Item done' },
          'Item done': { Type: 'Succeed' },
        },
      },
      Catch: catchTo('Report failure'),
      Next: 'Record',
    },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Notify',
          States: { Notify: task('Notified', { Retry: retry }), Notified: { Type: 'Pass', End: true } },
        },
        {
          StartAt: 'Audit',
          States: {
            Audit: task('Audit ok?'),
            'Audit ok?': {
              Type: 'Choice',
              Choices: [{ Variable: '$.audited', BooleanEquals: true, Next: 'Audited' }],
              Default: 'Audit failed',
            },
            Audited: { Type: 'Succeed' },
            'Audit failed': { Type: 'Fail', Error: 'AuditFailed', Cause: 'The audit did not pass' },
          },
        },
      ],
      Next: 'Record',
    },
    Record: task('Poll', { Retry: retry, Catch: catchTo('Report failure') }),
    Poll: task('Finished?'),
    'Finished?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.done', BooleanEquals: false, Next: 'Poll' }],
      Default: 'Done',
    },
    'Report failure': task('Failed', { Catch: catchTo('Failed') }),
    Failed: { Type: 'Fail', Error: 'WorkflowFailed' },
    Done: { Type: 'Succeed' },
  },
});

/** The group the second warm-up round collapses (see `WARM_UP_ROUNDS`). */
export const WARM_UP_COLLAPSED = ['Fan out'];

/** Layouts per warm-up: the whole machine, then with `WARM_UP_COLLAPSED` collapsed. */
export const WARM_UP_ROUNDS: readonly (readonly string[])[] = [[], WARM_UP_COLLAPSED];

/** A small machine in YAML: the YAML parser's first run in a fresh worker costs tens of milliseconds more. */
export const WARM_UP_YAML = [
  'StartAt: A',
  'States:',
  '  A:',
  '    Type: Choice',
  '    Choices:',
  "      - Variable: '$.x'",
  '        BooleanEquals: true',
  '        Next: B',
  '    Default: C',
  '  B:',
  '    Type: Pass',
  '    Next: C',
  '  C:',
  '    Type: Succeed',
  '',
].join('\n');
