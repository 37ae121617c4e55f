// Minimal typings for the part of js-yaml the corpus test uses as an independent YAML reader.
declare module 'js-yaml' {
  export class Type {
    constructor(tag: string, options: { kind: 'scalar' | 'sequence' | 'mapping'; construct?: (data: unknown) => unknown });
  }
  export interface Schema {
    extend(types: Type[]): Schema;
  }
  export const DEFAULT_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema; json?: boolean }): unknown;
  const jsYaml: { Type: typeof Type; DEFAULT_SCHEMA: Schema; load: typeof load };
  export default jsYaml;
}
