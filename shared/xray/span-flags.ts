/**
 * The bit flags of one span: one encoding for the tree build's columns (columns.ts) and the built trace's
 * (span-table.ts), so the build hands its flags on as they are. Eleven bits: kept in a `Uint16Array`.
 */
export const Flag = {
  /** An inferred node we added for a call; X-Ray did not send it. */
  SYNTHETIC: 1,
  IN_PROGRESS: 2,
  ERROR: 4,
  FAULT: 8,
  THROTTLE: 16,
  /** Names a parent the trace does not hold: shown as a root. */
  ORPHAN: 32,
  /** Its parent link closed a cycle and was cut. */
  CYCLE: 64,
  /** Ends before it starts, or has no valid start. */
  SKEW: 128,
  /** The document has an `sql` object (a database call: an inferred node). */
  HAS_SQL: 256,
  /** The span's id is `inferred:` and its stored id (the call's): see span-ids.ts. */
  INFERRED_ID: 512,
  /** The span has an `aws` object, read again from its document's text when asked for (span-docs.ts). */
  AWS_IN_TEXT: 1024,
} as const;
