/**
 * The exam-notes core: bundled bilingual notes, matching to what the diagrams show, search and the topic tree.
 * Pure (no Node, no DOM), shared by the renderer, the host and the CLI.
 */
export * from './types.ts';
export { ALL_NOTES } from './content/index.ts';
export * from './match.ts';
export * from './search.ts';
export * from './glossary.ts';
export * from './practice.ts';
export * from './exam-guide.ts';
export * from './findings.ts';
export * from './topics.ts';
export * from './credits.ts';
export * from './xray-adapt.ts';
