/** The offline Step Functions interpreter: run a machine, test one state, read mocks. Pure: no I/O. */
export {
  runMachine,
  Interpreter,
  type RunOptions,
  type RunResult,
  type StateStep,
  type Stage,
  type StageName,
} from './engine.ts';
export { testState, findState, type TestStateInput, type TestStateOutput, type InspectionData } from './teststate.ts';
export { readMocks, readLocalMockConfig, MockFormatError, type MockSet, type MockResponse } from './mocks.ts';
export { StatesError, InterpreterStop, PAYLOAD_LIMIT_BYTES } from './errors.ts';
