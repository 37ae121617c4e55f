/**
 * Completion for the filter box: keywords, functions, `annotation.<key>` and the loaded service names.
 */
import { BOOL_KEYWORDS, NUMBER_KEYWORDS, STRING_KEYWORDS } from './filter-syntax.ts';

/** One completion: what to show, what to insert, and a short hint. */
export interface FilterSuggestion {
  label: string;
  insert: string;
  detail: string;
}

/** What the loaded data offers for completion (service names, annotation keys). */
export interface FilterVocabulary {
  services?: readonly { name: string; type: string }[];
  annotationKeys?: readonly string[];
}

const KEYWORD_SUGGESTIONS: FilterSuggestion[] = [
  { label: 'service()', insert: 'service("")', detail: 'traces through a service' },
  { label: 'edge()', insert: 'edge("", "")', detail: 'traces through an edge' },
  { label: 'id()', insert: 'id(name: "", type: "")', detail: 'a node by name and type' },
  ...BOOL_KEYWORDS.map((k) => ({ label: k, insert: k, detail: 'boolean' })),
  ...NUMBER_KEYWORDS.map((k) => ({ label: k, insert: k, detail: k === 'http.status' ? 'number' : 'number (seconds)' })),
  ...STRING_KEYWORDS.map((k) => ({ label: k, insert: k, detail: 'string' })),
  { label: 'annotation.', insert: 'annotation.', detail: 'annotation by key' },
  { label: 'AND', insert: 'AND', detail: 'both' },
  { label: 'OR', insert: 'OR', detail: 'either' },
  { label: 'NOT', insert: 'NOT', detail: 'negation' },
  { label: 'CONTAINS', insert: 'CONTAINS', detail: 'string operator' },
  { label: 'BEGINSWITH', insert: 'BEGINSWITH', detail: 'string operator' },
  { label: 'ENDSWITH', insert: 'ENDSWITH', detail: 'string operator' },
];

/**
 * Suggestions for the word before `cursor`: keywords, functions and `annotation.<key>` for a word, service names
 * inside the quotes of `service("…` / `edge("…`. `from`..`cursor` is the range a chosen suggestion replaces.
 */
export function suggestFilter(
  text: string,
  cursor: number = text.length,
  vocab: FilterVocabulary = {},
): { from: number; items: FilterSuggestion[] } {
  const before = text.slice(0, cursor);
  // Inside an open string that follows service( / edge( / name:: suggest service names.
  let quotes = 0;
  let lastQuote = -1;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === '\\') {
      i++;
      continue;
    }
    if (before[i] === '"') {
      quotes++;
      lastQuote = i;
    }
  }
  if (quotes % 2 === 1) {
    const lead = before.slice(0, lastQuote).replace(/\s+$/, '');
    const prefix = before.slice(lastQuote + 1);
    if (/(service\(|edge\(|,|name:)$/i.test(lead)) {
      const wantType = /type:$/i.test(lead);
      const names = new Set<string>();
      for (const s of vocab.services ?? []) names.add(wantType ? s.type : s.name);
      const items = [...names]
        .filter((n) => n.toLowerCase().startsWith(prefix.toLowerCase()))
        .sort()
        .map((n) => ({ label: n, insert: n, detail: 'service' }));
      return { from: lastQuote + 1, items };
    }
    if (/type:$/i.test(lead)) {
      const types = new Set((vocab.services ?? []).map((s) => s.type).filter(Boolean));
      return {
        from: lastQuote + 1,
        items: [...types]
          .filter((n) => n.startsWith(prefix))
          .sort()
          .map((n) => ({ label: n, insert: n, detail: 'type' })),
      };
    }
    return { from: cursor, items: [] };
  }
  const m = /[A-Za-z_][A-Za-z0-9_.]*$/.exec(before);
  const word = m ? m[0] : '';
  const from = cursor - word.length;
  // Right after a value or a closing bracket nothing new can start without a space: no suggestions.
  if (word === '' && before.trim() !== '' && !/[\s({!,]$/.test(before)) return { from, items: [] };
  const lower = word.toLowerCase();
  const items: FilterSuggestion[] = [];
  if (lower.startsWith('annotation.')) {
    const keyPrefix = word.slice('annotation.'.length);
    for (const k of vocab.annotationKeys ?? []) {
      if (k.startsWith(keyPrefix))
        items.push({ label: `annotation.${k}`, insert: `annotation.${k}`, detail: 'annotation' });
    }
    return { from, items };
  }
  for (const s of KEYWORD_SUGGESTIONS) if (s.label.toLowerCase().startsWith(lower)) items.push(s);
  if (lower.length > 0 && 'annotation.'.startsWith(lower)) {
    for (const k of vocab.annotationKeys ?? [])
      items.push({ label: `annotation.${k}`, insert: `annotation.${k}`, detail: 'annotation' });
  }
  return { from, items };
}
