/**
 * The AWS panel, ready for the app shell to mount:
 *
 * - `AwsPanel` props (all optional):
 *   - `api`: the contract client (default `getApi()`);
 *   - `lang`: `'en' | 'ko'`;
 *   - `initialConnection`: `{ profile?, region?, endpoint? }` (default: the host's AWS_PROFILE / AWS_REGION /
 *     STATESCOPE_AWS_ENDPOINT);
 *   - `onOpenDefinition({ name, stateMachineArn, text })`: open the machine's ASL text like a local file;
 *   - `onOpenExecution({ machineName, stateMachineArn, executionArn, executionName, definitionText?, report,
 *     events, execution })`: draw `definitionText` and colour it with `applyExecution(graph, report)` from
 *     `shared/sfn/history.ts`;
 *   - `onOpenServiceGraph(graph, { startMs, endMs, group? })`: a GetServiceGraph-shaped graph for the X-Ray view;
 *   - `onOpenTraces({ Traces, UnprocessedTraceIds })`: BatchGetTraces-shaped traces for the X-Ray view;
 *   - `timeoutMs`: the longest wait for one host call before an error with Retry (default 120 000).
 *   Buttons whose callback is absent are hidden.
 * - Helpers from `model.ts` (status tones and labels, ranges, `withTimeout`) for views that show runs too.
 */
export { AwsPanel, type AwsPanelProps, type AwsExecutionOpen } from './AwsPanel.tsx';
export { statusTone, runStatusLabel, formatDuration, RANGES, rangeFor, withTimeout, TimeoutError } from './model.ts';
