/** What the live trace bar shows, computed without React (unit-tested in plain Node). */
import type { DaemonStatus } from '../../../shared/contract.ts';

/** Every document the receiver dropped, whatever the reason. */
export function droppedCount(s: DaemonStatus): number {
  return Object.values(s.dropped).reduce((a, b) => a + b, 0);
}

/** The receiver's addresses as the bar lists them: UDP, TCP (sampling) and, when on, the OTLP endpoint. */
export function liveAddresses(s: DaemonStatus): string {
  return [`UDP ${s.udp}`, `TCP ${s.tcp}`, ...(s.otlp ? [`OTLP http://${s.otlp}/v1/traces`] : [])].join(' · ');
}

/** The file name "Save as file" offers: live-traces-<UTC time to the second>.ndjson. */
export function liveFileName(now: Date): string {
  return `live-traces-${now.toISOString().slice(0, 19).replace(/:/g, '')}.ndjson`;
}
