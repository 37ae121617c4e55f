/** The notes UI pieces in plain Node: highlighter, markdown safety, link handling, and server-rendered markup. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { GraphState } from '../../../shared/asl/types.ts';
import { ALL_NOTES } from '../../../shared/notes/index.ts';
import {
  NotesBrowser,
  NotesPanel,
  highlight,
  isSafeLink,
  langFromLocale,
  linkClickHandler,
  otherLang,
  renderInlineMarkdown,
  renderMarkdown,
} from '../../../renderer/src/notes/index.ts';

function task(name: string, resource: string, extra: Partial<GraphState> = {}): GraphState {
  return {
    id: name,
    name,
    type: 'Task',
    parent: null,
    branch: null,
    depth: 0,
    queryLanguage: 'JSONata',
    isStart: true,
    isEnd: false,
    retry: [],
    catch: [],
    assigns: [],
    resource,
    raw: { Type: 'Task', Resource: resource },
    ...extra,
  };
}

describe('highlight', () => {
  it('gives back every example unchanged when the tokens are joined', () => {
    for (const note of ALL_NOTES) {
      for (const example of note.examples) {
        const tokens = highlight(example.code, example.language);
        expect(tokens.map((t) => t.text).join(''), `${note.id}: ${example.title.en}`).toBe(example.code);
      }
    }
  });

  it('classifies JSON keys, strings, numbers and literals', () => {
    const tokens = highlight('{ "Effect": "Deny", "MaxAttempts": 3, "Ok": true }', 'json');
    const kinds = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    expect(kinds('key')).toEqual(['"Effect"', '"MaxAttempts"', '"Ok"']);
    expect(kinds('string')).toEqual(['"Deny"']);
    expect(kinds('number')).toEqual(['3']);
    expect(kinds('literal')).toEqual(['true']);
  });

  it('classifies YAML keys and comments, and shell commands, flags and variables', () => {
    const yaml = highlight('env:\n  variables:\n    BUCKET: "x" # where\n  - item', 'yaml');
    expect(yaml.filter((t) => t.kind === 'key').map((t) => t.text)).toEqual(['env', 'variables', 'BUCKET']);
    expect(yaml.some((t) => t.kind === 'comment' && t.text === '# where')).toBe(true);
    const bash = highlight(
      'aws logs associate-kms-key --log-group-name "$GROUP" \\\n  --kms-key-id ${KEY} # done',
      'bash',
    );
    expect(bash[0]).toEqual({ kind: 'command', text: 'aws' });
    expect(bash.filter((t) => t.kind === 'flag').map((t) => t.text)).toEqual(['--log-group-name', '--kms-key-id']);
    expect(bash.filter((t) => t.kind === 'variable').map((t) => t.text)).toEqual(['${KEY}']);
    expect(bash.some((t) => t.kind === 'string' && t.text === '"$GROUP"')).toBe(true);
  });

  it('treats unknown languages as plain text and stays fast on large input', () => {
    expect(highlight('a < b', 'text')).toEqual([{ kind: 'text', text: 'a < b' }]);
    const big = '{"k": "v", '.repeat(20_000);
    const started = Date.now();
    highlight(big, 'json');
    highlight(big, 'yaml');
    highlight(big, 'bash');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('markdown', () => {
  it('escapes raw HTML and drops non-https links and images', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](http://example.com) ![i](https://e.com/i.png) [ok](https://docs.aws.amazon.com/)',
    );
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).not.toMatch(/href="http:/);
    expect(html).not.toContain('<img');
    expect(html).toContain('<a href="https://docs.aws.amazon.com/" rel="noreferrer noopener" class="nt-link">ok</a>');
    expect(renderInlineMarkdown('**a** `b`')).toBe('<strong>a</strong> <code>b</code>');
  });

  it("renders the notes' tables", () => {
    const source = ALL_NOTES.find((n) => n.id === 'sfn-standard-vs-express')!;
    expect(renderMarkdown(source.text.en.body)).toContain('<table>');
  });

  it('opens only https links through the callback and never navigates', () => {
    const open = vi.fn();
    const handler = linkClickHandler(open);
    const click = (href: string | null) => {
      const anchor = { getAttribute: () => href };
      const event = { target: { closest: () => anchor } as unknown as EventTarget, preventDefault: vi.fn() };
      handler(event);
      return event.preventDefault;
    };
    expect(click('https://docs.aws.amazon.com/xray/')).toHaveBeenCalled();
    expect(click('javascript:alert(1)')).toHaveBeenCalled();
    expect(click('file:///etc/passwd')).toHaveBeenCalled();
    expect(open.mock.calls).toEqual([['https://docs.aws.amazon.com/xray/']]);
    expect(isSafeLink('https://a b')).toBe(false);
  });
});

describe('language helpers', () => {
  it('picks Korean for Korean locales only', () => {
    expect(langFromLocale('ko-KR')).toBe('ko');
    expect(langFromLocale('ko_KR.UTF-8')).toBe('ko');
    expect(langFromLocale('ko')).toBe('ko');
    expect(langFromLocale('kok-IN')).toBe('en');
    expect(langFromLocale('en-GB')).toBe('en');
    expect(langFromLocale(undefined)).toBe('en');
    expect(otherLang('en')).toBe('ko');
  });
});

describe('NotesPanel and NotesBrowser markup', () => {
  it('shows the matching notes for a callback Task, best first and expanded, with traps and examples', () => {
    const state = task('Ask Manager', 'arn:aws:states:::sns:publish.waitForTaskToken', {
      integration: {
        service: 'sns',
        action: 'publish',
        pattern: 'wait-for-task-token',
        sdk: false,
        label: 'SNS · Publish',
      },
    });
    const html = renderToStaticMarkup(createElement(NotesPanel, { selection: { kind: 'state', state }, lang: 'en' }));
    expect(html).toContain('Exam notes');
    expect(html).toMatch(
      /<details class="nt-card" open="" lang="en" data-testid="note-card" data-note-id="sfn-human-approval">/,
    );
    expect(html).toContain('state · pattern wait-for-task-token');
    expect(html).toContain('Exam traps');
    expect(html).toContain('class="nt-tok-key"');
    expect(html).not.toMatch(/href="(?!https:)/);
  });

  it('shows corrections for an X-Ray node in Korean', () => {
    const html = renderToStaticMarkup(
      createElement(NotesPanel, { selection: { kind: 'xray', node: { name: 'KMS', namespace: 'aws' } }, lang: 'ko' }),
    );
    expect(html).toContain('시험 노트');
    expect(html).toContain('학습 노트 바로잡기');
    expect(html).toContain('KMS 봉투 암호화');
  });

  it('shows a hint with no selection and a message when nothing matches', () => {
    expect(renderToStaticMarkup(createElement(NotesPanel, { selection: null, lang: 'en' }))).toContain(
      'Select a state',
    );
    const none = renderToStaticMarkup(
      createElement(NotesPanel, { selection: { kind: 'state', state: task('T', 'x') }, lang: 'en', notes: [] }),
    );
    expect(none).toContain('No exam notes attach');
  });

  it('the browser lists topics with counts, searches, and credits the source', () => {
    const html = renderToStaticMarkup(createElement(NotesBrowser, { lang: 'en', initialQuery: 'reservoir' }));
    expect(html).toContain('data-testid="notes-topic-cloudtrail-xray"');
    expect(html).toContain('1 matching note');
    expect(html).toContain('data-note-id="xray-sampling"');
    expect(html).toContain('CC BY 4.0');
    const ko = renderToStaticMarkup(createElement(NotesBrowser, { lang: 'ko', initialTopic: 'glue' }));
    expect(ko).toContain('AWS Glue: 서버리스 ETL과 데이터 카탈로그');
  });
});
