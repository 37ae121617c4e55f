/** Messages between `statescope validate` and its language-service thread (checker-threads.ts, checker-worker.ts). */
import type { AslsRaw } from '../../shared/asl/validate-raw.ts';

/** One definition to check: its JSON or YAML text. */
export interface AslsRequest {
  id: number;
  text: string;
  yaml: boolean;
}

/** ASLS's raw findings, or `ok: false` when the library threw. */
export type AslsReply = { id: number; ok: true; value: AslsRaw[] } | { id: number; ok: false };
