/**
 * What the two library checkers report, and the shape validation expects of them. The libraries themselves
 * (amazon-states-language-service, which pulls in yaml-language-server and Node's fs, and asl-validator) run in the
 * host: electron/host/asl-checkers.ts implements `LibraryCheckers` and is passed in by every caller.
 */

/** One raw ASLS diagnostic, as 0-based offsets into the text it was run on. */
export interface AslsRaw {
  message: string;
  severity: 'error' | 'warning' | 'info';
  start: number;
  end: number;
}

/** One raw asl-validator error. */
export interface AslvRaw {
  code: string;
  message: string;
  instancePath?: string;
  schemaPath?: string;
}

/** The two library checkers validation runs beside its own rules. */
export interface LibraryCheckers {
  /** amazon-states-language-service on a JSON or YAML text holding one definition. */
  asls(text: string, yaml: boolean): Promise<AslsRaw[]>;
  /** asl-validator on a definition object (path and ARN checks on). */
  aslValidator(definition: unknown): AslvRaw[];
}
