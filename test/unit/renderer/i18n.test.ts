/**
 * The one i18n module: every message has text in English and Korean with the same placeholders, and the shell,
 * graph view, details panel, editor bars and status bar (renderer/src/app, asl, editor) hold no UI text of their
 * own: a literal English string in their markup fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, translate, type MessageKey } from '../../../renderer/src/i18n/index.ts';

const SRC = path.resolve(import.meta.dirname, '../../../renderer/src');
const FOLDERS = ['app', 'asl', 'editor', 'dataflow', 'overlay', 'notes', 'aws', 'xray'];

/**
 * Words that stay as written in every language: the product's name, language names in the language picker, and
 * the States Language's own field names and keywords, shown as they appear in a definition (as the AWS console
 * does in Korean too).
 */
const KEEP = new Set([
  'Statescope',
  'English',
  'AWS',
  'X-Ray',
  'PNG',
  'SVG',
  'JSONata',
  'JSONPath',
  'null',
  'Type',
  'Comment',
  'Next',
  'End',
  'Resource',
  'Retry',
  'Catch',
  'ProcessorConfig',
  'Default',
  'Map',
  'Distributed Map',
  // The notes-language switch is labelled in both languages at once, so each reader finds it whatever the UI language.
  'Notes language / 노트 언어',
]);

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/** Literal UI text in a TSX file: text directly inside an element, and title/aria-label/placeholder/label attributes. */
export function literalUiText(source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  // <tag …>Text</ on one line, or text on its own line between a tag's end and the next tag.
  for (const m of code.matchAll(/>([^<>{}\n]*[A-Za-z]{2,}[^<>{}\n]*)<\//g)) found.push(m[1].trim());
  for (const m of code.matchAll(/>[ \t]*\n[ \t]*([^<>{}\n]*[A-Za-z]{2,}[^<>{}\n]*?)[ \t]*\n[ \t]*</g))
    found.push(m[1].trim());
  for (const m of code.matchAll(/\s(?:title|aria-label|placeholder|label|ariaLabel)="([^"]*[A-Za-z]{2,}[^"]*)"/g))
    found.push(m[1]);
  for (const m of code.matchAll(
    /\s(?:title|aria-label|placeholder|label|ariaLabel)=\{[`'"]([^`'"]*[A-Za-z]{2,}[^`'"]*)[`'"]\}/g,
  ))
    found.push(m[1]);
  // A line of JSX logic between two tags (`cond ? (`, `) : other ? (`) is code, not text.
  const codeLine = /===|!==|&&|\|\||\?\.|\?\s*\($|^\)\s*:/;
  return found.filter((t) => t && !KEEP.has(t) && !codeLine.test(t));
}

describe('i18n', () => {
  it('has every message in both languages, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.en) as MessageKey[];
    expect(keys.length).toBeGreaterThan(150);
    const problems: string[] = [];
    for (const key of keys) {
      for (const lang of ['en', 'ko'] as const) {
        const text = MESSAGES[lang][key];
        if (typeof text !== 'string' || text.trim() === '') problems.push(`${key}: no ${lang} text`);
      }
      if (MESSAGES.ko[key] && placeholders(MESSAGES.ko[key]).join() !== placeholders(MESSAGES.en[key]).join())
        problems.push(`${key}: placeholders differ`);
    }
    for (const key of Object.keys(MESSAGES.ko)) if (!(key in MESSAGES.en)) problems.push(`${key}: only in Korean`);
    expect(problems).toEqual([]);
    // Korean is Korean: most messages contain Hangul.
    const hangul = keys.filter((k) => /[\uac00-\ud7a3]/.test(MESSAGES.ko[k])).length;
    expect(hangul / keys.length).toBeGreaterThan(0.9);
    expect(translate('ko', 'bar.states', { count: 3 })).toBe('상태 3개');
  });

  it('finds literal text (the check itself works)', () => {
    expect(literalUiText('<button title="Save the file">\n  Save now\n</button>')).toEqual([
      'Save now',
      'Save the file',
    ]);
    expect(literalUiText("<span>{t('doc.find')}</span>")).toEqual([]);
  });

  it('leaves no literal UI text in the shell, the graph view, the details panel or the editor', () => {
    const left: string[] = [];
    for (const folder of FOLDERS) {
      for (const file of readdirSync(path.join(SRC, folder)).filter((f) => f.endsWith('.tsx'))) {
        for (const text of literalUiText(readFileSync(path.join(SRC, folder, file), 'utf8')))
          left.push(`${folder}/${file}: ${text}`);
      }
    }
    expect(left).toEqual([]);
  });
});
