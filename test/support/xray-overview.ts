/** An X-Ray worker's overview of one trace with nothing in it, for stand-in workers in tests. */
import type { XrayOverview } from '../../renderer/src/workers/xray-messages.ts';

export const EMPTY_OVERVIEW: XrayOverview = {
  traceCount: 1,
  summaryCount: 0,
  hasServiceGraph: false,
  rows: [],
  map: { nodes: [], edges: [] },
  diagnostics: [],
  vocabulary: {},
  stateMachineTraces: [],
  loadMs: 1,
};
