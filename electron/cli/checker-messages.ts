/** Messages between `statescope validate` and its language-service thread (checker-threads.ts, checker-worker.ts). */
import type { AslsRaw } from '../../shared/asl/validate-raw.ts';

/** One definition to check: its JSON or YAML text. */
export interface AslsRequest {
  id: number;
  text: string;
  yaml: boolean;
}

/**
 * ASLS's raw findings, or `ok: false` when the library threw; `ahead` when the answer is the one the thread worked
 * out before the request came (see AslsWorkerData), which tests count.
 */
export type AslsReply = { id: number; ok: true; value: AslsRaw[]; ahead: boolean } | { id: number; ok: false };

/**
 * What the thread is started with: the file `statescope validate` will most likely ask about first (absolute
 * path), which the thread reads and checks ahead of the request (checker-worker.ts), or none.
 */
export interface AslsWorkerData {
  firstFile?: string;
}
