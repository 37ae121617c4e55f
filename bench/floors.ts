/**
 * Floors the benchmark judges our figures against, measured in the same run on the same input.
 *
 * Validation: the two libraries `shared/asl/validate` runs, called alone on the same text — the AWS Toolkit's
 * amazon-states-language-service (parse + doValidation) and asl-validator (schema, paths, ARNs, on a parsed copy).
 * What our validation costs beyond them is our own rules, the source map and the merging of their findings.
 */
import asls from 'amazon-states-language-service';
import aslValidator from 'asl-validator';
import { validateDocument } from '../electron/host/asl-validate.ts';
import type { LoadedDocument } from '../shared/asl/types.ts';
import { median } from './stats.ts';

const jsonService = asls.getLanguageService({});

/** The two libraries alone on one JSON definition text. */
export async function librariesAlone(text: string): Promise<number> {
  const doc = asls.TextDocument.create('file:///floor.asl.json', 'json', 1, text);
  const found = await jsonService.doValidation(doc, jsonService.parseJSONDocument(doc));
  const result = aslValidator(JSON.parse(text) as object, { checkPaths: true, checkArn: true });
  return found.length + result.errors.length;
}

/** Our validation of a loaded document against the libraries alone on its text, interleaved per round. */
export async function validationAgainstLibraries(
  doc: LoadedDocument,
  text: string,
  warm: number,
  runs: number,
): Promise<{ oursMs: number; librariesMs: number; ratio: number; runs: number }> {
  const ours: number[] = [];
  const libs: number[] = [];
  const perRound: number[] = [];
  for (let i = 0; i < warm + runs; i++) {
    let t0 = performance.now();
    await validateDocument(doc);
    const a = performance.now() - t0;
    t0 = performance.now();
    await librariesAlone(text);
    const b = performance.now() - t0;
    if (i < warm) continue;
    ours.push(a);
    libs.push(b);
    perRound.push(a / b);
  }
  return { oursMs: median(ours), librariesMs: median(libs), ratio: median(perRound), runs };
}
