// Typings for the part of js-yaml Statescope uses: the fast reader for large YAML files (shared/asl/parse-yaml.ts)
// and the corpus test's independent reader. The package ships no types of its own.
declare module 'js-yaml' {
  export class Type {
    constructor(
      tag: string,
      options: {
        kind: 'scalar' | 'sequence' | 'mapping';
        construct?: (data: unknown) => unknown;
        resolve?: (data: unknown) => boolean;
        predicate?: (value: unknown) => boolean;
      },
    );
  }
  export interface Schema {
    extend(types: Type[] | { implicit?: Type[]; explicit?: Type[] }): Schema;
  }
  export const DEFAULT_SCHEMA: Schema;
  export const CORE_SCHEMA: Schema;
  export interface LoadState {
    position: number;
    result: unknown;
  }
  export interface LoadOptions {
    schema?: Schema;
    json?: boolean;
    maxDepth?: number;
    filename?: string;
    listener?: (event: 'open' | 'close', state: LoadState) => void;
  }
  export class YAMLException extends Error {
    reason: string;
    mark?: { position: number; line: number; column: number };
  }
  export function load(text: string, options?: LoadOptions): unknown;
  const jsYaml: {
    Type: typeof Type;
    DEFAULT_SCHEMA: Schema;
    CORE_SCHEMA: Schema;
    load: typeof load;
    YAMLException: typeof YAMLException;
  };
  export default jsYaml;
}
