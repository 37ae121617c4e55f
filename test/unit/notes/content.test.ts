import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  ALL_NOTES,
  SEED_CREDIT,
  TOPIC_GROUPS,
  TOPIC_IDS,
  attributionText,
  localize,
  topicTree,
} from '../../../shared/notes/index.ts';
import type { Lang, NoteSource } from '../../../shared/notes/index.ts';

const LANGS: Lang[] = ['en', 'ko'];
const HANGUL = /[\uac00-\ud7a3]/;

/** Every markdown-bearing string of a note in one language. */
function markdownFields(note: NoteSource, lang: Lang): string[] {
  const t = note.text[lang];
  return [
    t.body,
    ...t.keyFacts,
    ...t.examTraps.flatMap((x) => [x.scenario, x.answer]),
    ...note.corrections.flatMap((c) => [c.claim[lang], c.fact[lang]]),
  ];
}

const STATE_FIELDS = new Set([
  'on',
  'type',
  'service',
  'action',
  'pattern',
  'workflow',
  'queryLanguage',
  'retry',
  'catch',
  'heartbeat',
  'timeout',
  'mapMode',
  'itemReader',
  'credentials',
  'kmsKey',
  'waitOverSeconds',
  'related',
]);
const XRAY_FIELDS = new Set(['on', 'origin', 'inferredType', 'namespace', 'awsService', 'status', 'related']);

describe('note content', () => {
  it('has unique, kebab-case ids', () => {
    const ids = ALL_NOTES.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(ALL_NOTES.length).toBeGreaterThanOrEqual(25);
  });

  it('covers every seed topic with at least one note in each language', () => {
    for (const topic of TOPIC_IDS) {
      const notes = ALL_NOTES.filter((n) => n.topics.includes(topic));
      expect(notes.length, `topic ${topic}`).toBeGreaterThan(0);
      for (const lang of LANGS) {
        const written = notes.filter((n) => n.text[lang].title.trim() !== '' && n.text[lang].body.trim() !== '');
        expect(written.length, `topic ${topic} in ${lang}`).toBeGreaterThan(0);
      }
    }
  });

  it('writes every note fully in both languages, Korean in Hangul and English without it', () => {
    for (const note of ALL_NOTES) {
      for (const lang of LANGS) {
        const t = note.text[lang];
        expect(t.title.trim(), `${note.id} ${lang} title`).not.toBe('');
        expect(t.body.trim().length, `${note.id} ${lang} body`).toBeGreaterThan(80);
        expect(t.keyFacts.length, `${note.id} ${lang} keyFacts`).toBeGreaterThanOrEqual(2);
        expect(t.examTraps.length, `${note.id} ${lang} examTraps`).toBeGreaterThanOrEqual(1);
        for (const trap of t.examTraps) {
          expect(trap.scenario.trim()).not.toBe('');
          expect(trap.answer.trim()).not.toBe('');
        }
      }
      // The two languages carry the same number of facts and traps, so neither is a summary of the other.
      expect(note.text.ko.keyFacts.length, note.id).toBe(note.text.en.keyFacts.length);
      expect(note.text.ko.examTraps.length, note.id).toBe(note.text.en.examTraps.length);
      expect(HANGUL.test(note.text.ko.body), `${note.id} ko body`).toBe(true);
      for (const field of markdownFields(note, 'en')) expect(HANGUL.test(field), `${note.id} en: ${field}`).toBe(false);
      for (const e of note.examples) {
        expect(e.title.en.trim()).not.toBe('');
        expect(HANGUL.test(e.title.ko), `${note.id} example title ko`).toBe(true);
      }
    }
  });

  it('links only to https AWS documentation pages', () => {
    for (const note of ALL_NOTES) {
      expect(note.links.length, note.id).toBeGreaterThan(0);
      const urls = [...note.links, ...note.corrections.map((c) => c.source)];
      for (const link of urls) {
        const url = new URL(link);
        expect(url.protocol, link).toBe('https:');
        expect(url.hostname, link).toBe('docs.aws.amazon.com');
      }
    }
  });

  it('links inside markdown are https too', () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    for (const note of ALL_NOTES) {
      for (const lang of LANGS) {
        for (const field of markdownFields(note, lang)) {
          for (const token of md.parse(field, {})) {
            for (const child of token.children ?? []) {
              if (child.type === 'link_open') expect(child.attrGet('href') ?? '', note.id).toMatch(/^https:\/\//);
            }
          }
        }
      }
    }
  });

  it('contains no raw HTML in any markdown field', () => {
    // Parse with HTML recognition on, so any tag would surface as an html_block / html_inline token.
    const md = new MarkdownIt({ html: true });
    const offenders: string[] = [];
    for (const note of ALL_NOTES) {
      for (const lang of LANGS) {
        for (const field of [note.text[lang].title, ...markdownFields(note, lang)]) {
          for (const token of md.parse(field, {})) {
            if (token.type === 'html_block') offenders.push(`${note.id}/${lang}: ${token.content}`);
            for (const child of token.children ?? []) {
              if (child.type === 'html_inline') offenders.push(`${note.id}/${lang}: ${child.content}`);
            }
          }
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the raw-HTML check notices a tag', () => {
    const md = new MarkdownIt({ html: true });
    const tokens = md.parse('see <b>this</b>', {});
    expect(tokens.some((t) => (t.children ?? []).some((c) => c.type === 'html_inline'))).toBe(true);
  });

  it('uses only selectors the matcher knows', () => {
    for (const note of ALL_NOTES) {
      expect(note.attachesTo.length, note.id).toBeGreaterThan(0);
      for (const selector of note.attachesTo) {
        const allowed = selector.on === 'state' ? STATE_FIELDS : XRAY_FIELDS;
        for (const key of Object.keys(selector)) expect(allowed.has(key), `${note.id}: ${key}`).toBe(true);
        for (const value of Object.values(selector))
          if (Array.isArray(value)) expect(value.length, note.id).toBeGreaterThan(0);
        if (selector.on === 'state') {
          for (const svc of selector.service ?? []) expect(svc, note.id).toMatch(/^[a-z0-9]+$/);
          for (const act of selector.action ?? []) expect(act, note.id).toMatch(/^[a-z0-9]+$/);
        } else {
          for (const t of [...(selector.origin ?? []), ...(selector.inferredType ?? [])])
            expect(t, note.id).toMatch(/^(AWS::[A-Za-z0-9]+(::[A-Za-z0-9]+)?|client|remote)$/);
        }
      }
      for (const topic of note.topics) expect(TOPIC_IDS).toContain(topic);
    }
  });

  it('every note names at least one docs.aws.amazon.com page and the day its facts were checked', () => {
    const today = new Date();
    for (const note of ALL_NOTES) {
      expect(
        note.links.some((l) => new URL(l).hostname === 'docs.aws.amazon.com'),
        note.id,
      ).toBe(true);
      expect(note.checked, note.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const checked = new Date(`${note.checked}T00:00:00Z`);
      expect(Number.isNaN(checked.getTime()), note.id).toBe(false);
      // A check date in the future is a typo; a date before the notes existed is one too.
      expect(checked.getTime(), note.id).toBeLessThanOrEqual(today.getTime() + 86_400_000);
      expect(note.checked >= '2026-01-01', note.id).toBe(true);
    }
  });

  it('states the facts the documentation check corrected (issue 19, finding 4)', () => {
    const text = (id: string): string => {
      const n = ALL_NOTES.find((x) => x.id === id);
      expect(n, id).toBeDefined();
      return JSON.stringify(n!.text.en) + JSON.stringify(n!.corrections);
    };
    expect(text('sfn-retry-catch')).toMatch(/States\.DataLimitExceeded.*States\.Runtime/);
    expect(text('sfn-flow-states')).not.toMatch(/avoids `States\.NoChoiceMatched`/);
    expect(text('s3-deny-unencrypted-uploads')).toMatch(/true when the (request has no such header|key is missing)/);
    expect(text('s3-server-side-encryption')).toMatch(/April 2026/);
    expect(text('s3-server-side-encryption')).toMatch(/Multipart uploads with SSE-KMS need `kms:Decrypt`/);
    expect(text('sfn-integration-patterns')).toMatch(/startExecution\.sync:2/);
    expect(text('sfn-distributed-map')).toMatch(/JSON Lines or Parquet/);
    expect(text('sfn-distributed-map')).toMatch(/Athena/);
    expect(text('sfn-standard-vs-express')).toMatch(/memory/);
    expect(text('sfn-standard-vs-express')).toMatch(/unless a Retry/);
    expect(text('xray-daemon')).toMatch(/25 February 2027/);
    expect(text('xray-daemon')).toMatch(/enable/);
    expect(JSON.stringify(ALL_NOTES.map((n) => n.text.en))).not.toMatch(/service map(?! as an)(?!\))/);
    expect(text('security-hub')).toMatch(/Security Hub CSPM/);
    expect(text('trusted-advisor')).toMatch(/Business Support\+/);
    expect(text('cloudwatch-alarms')).toMatch(/invoke a Lambda function/);
    expect(text('eventbridge-schedules')).toMatch(/execution role/);
  });

  it('has JSON examples that parse (fragments wrapped in braces)', () => {
    for (const note of ALL_NOTES) {
      for (const example of note.examples) {
        expect(example.code.trim(), note.id).not.toBe('');
        if (example.language !== 'json') continue;
        const code = example.code.trim();
        const text = code.startsWith('"') ? `{${code}}` : code;
        expect(() => JSON.parse(text), `${note.id}: ${example.title.en}`).not.toThrow();
      }
    }
  });

  it('covers the examples the exam asks about', () => {
    const code = ALL_NOTES.flatMap((n) => n.examples.map((e) => e.code)).join('\n');
    expect(code).toContain('${aws:username}');
    expect(code).toContain('"s3:x-amz-server-side-encryption": "aws:kms"');
    expect(code).toMatch(/^env:\n {2}variables:/m);
    expect(code).toContain('aws logs associate-kms-key');
    expect(code).toContain('.waitForTaskToken');
  });

  it("records the seed's known mistakes as corrections", () => {
    const corrections = ALL_NOTES.flatMap((n) => n.corrections);
    const claims = corrections.map((c) => c.claim.en).join('\n');
    expect(claims).toMatch(/CloudTail/);
    expect(claims).toMatch(/4 KB/);
    expect(claims).toMatch(/Cognito Sync/);
    expect(claims).toMatch(/first request each second/);
    for (const c of corrections) {
      for (const lang of LANGS) {
        expect(c.claim[lang].trim()).not.toBe('');
        expect(c.fact[lang].trim()).not.toBe('');
      }
    }
  });

  it('names only bundled samples as example diagrams', () => {
    const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../samples');
    const ids = new Set<string>();
    for (const kind of ['asl', 'xray', 'history']) {
      const index = path.join(samples, kind, 'index.json');
      if (!fs.existsSync(index)) continue;
      for (const entry of JSON.parse(fs.readFileSync(index, 'utf8')) as { id: string }[]) ids.add(entry.id);
    }
    const named = ALL_NOTES.filter((n) => n.sample !== undefined);
    expect(named.length).toBeGreaterThanOrEqual(8);
    for (const note of named) expect(ids.has(note.sample!), `${note.id} -> ${note.sample}`).toBe(true);
  });

  it('localizes to one language without losing fields', () => {
    const source = ALL_NOTES.find((n) => n.id === 'kms-envelope-encryption')!;
    const ko = localize(source, 'ko');
    expect(ko.lang).toBe('ko');
    expect(ko.title).toBe(source.text.ko.title);
    expect(ko.examples[0]!.title).toBe(source.examples[0]!.title.ko);
    expect(ko.corrections[0]!.fact).toBe(source.corrections[0]!.fact.ko);
    expect(ko.links).toEqual(source.links);
  });

  it('builds a topic tree that lists every topic once and every note at least once', () => {
    const listed = TOPIC_GROUPS.flatMap((g) => g.topics);
    expect([...listed].sort()).toEqual([...TOPIC_IDS].sort());
    for (const lang of LANGS) {
      const tree = topicTree(ALL_NOTES, lang);
      const ids = new Set(tree.flatMap((g) => g.children.flatMap((c) => c.noteIds)));
      for (const note of ALL_NOTES) expect(ids.has(note.id), note.id).toBe(true);
      for (const group of tree)
        for (const topic of group.children) expect(topic.noteIds.length, topic.id).toBeGreaterThan(0);
    }
  });

  it('credits the seed under CC BY 4.0 in both languages', () => {
    expect(SEED_CREDIT.license).toBe('CC BY 4.0');
    expect(attributionText('en')).toContain('https://creativecommons.org/licenses/by/4.0/');
    expect(attributionText('ko')).toContain('CC BY 4.0');
    expect(HANGUL.test(attributionText('ko'))).toBe(true);
  });
});

describe('find the bug: findings explained by notes', () => {
  it('every finding code maps to an existing note', async () => {
    const { NOTE_FOR_FINDING } = await import('../../../shared/notes/index.ts');
    const ids = new Set(ALL_NOTES.map((n) => n.id));
    for (const [code, id] of Object.entries(NOTE_FOR_FINDING)) expect(ids.has(id), `${code} → ${id}`).toBe(true);
  });
});
