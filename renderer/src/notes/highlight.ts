/**
 * A small syntax highlighter for the code examples in notes (JSON, YAML, shell). It splits code into tokens
 * that React renders as spans, so no HTML string is ever built from note text.
 */

/** Token kinds, used as CSS class suffixes (`nt-tok-key`, …). */
export type TokenKind =
  'key' | 'string' | 'number' | 'literal' | 'punct' | 'comment' | 'command' | 'flag' | 'variable' | 'text';

export interface Token {
  kind: TokenKind;
  text: string;
}

/** Languages with rules; anything else comes back as one text token. */
export type HighlightLanguage = 'json' | 'yaml' | 'bash' | 'text';

function push(out: Token[], kind: TokenKind, text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

function json(code: string): Token[] {
  const out: Token[] = [];
  const re =
    /("(?:[^"\\\n]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b|([{}[\],:])|(\s+)|([^\s"{}[\],:]+)/g;
  for (const m of code.matchAll(re)) {
    if (m[1] !== undefined) {
      push(out, m[2] ? 'key' : 'string', m[1]);
      if (m[2]) push(out, 'punct', m[2]);
    } else if (m[3] !== undefined) push(out, 'number', m[3]);
    else if (m[4] !== undefined) push(out, 'literal', m[4]);
    else if (m[5] !== undefined) push(out, 'punct', m[5]);
    else push(out, 'text', m[0]);
  }
  return out;
}

function yamlValue(out: Token[], value: string): void {
  const comment = /(^|\s)#.*$/.exec(value);
  const body = comment ? value.slice(0, comment.index + comment[1]!.length) : value;
  const trimmed = body.trim();
  const lead = body.slice(0, body.length - body.trimStart().length);
  push(out, 'text', lead);
  if (/^(["']).*\1$/.test(trimmed)) push(out, 'string', trimmed);
  else if (/^-?\d+(\.\d+)?$/.test(trimmed)) push(out, 'number', trimmed);
  else if (/^(true|false|null|~|yes|no)$/i.test(trimmed)) push(out, 'literal', trimmed);
  else push(out, 'text', trimmed);
  push(out, 'text', body.slice(lead.length + trimmed.length));
  if (comment) push(out, 'comment', value.slice(body.length));
}

function yaml(code: string): Token[] {
  const out: Token[] = [];
  const lines = code.split('\n');
  lines.forEach((line, i) => {
    const comment = /^(\s*)(#.*)$/.exec(line);
    if (comment) {
      push(out, 'text', comment[1]!);
      push(out, 'comment', comment[2]!);
    } else {
      const m = /^(\s*)(- )?([A-Za-z0-9_.\-/]+|"[^"]*"|'[^']*')(:)(\s|$)(.*)$/.exec(line);
      if (m) {
        push(out, 'text', m[1]!);
        if (m[2]) push(out, 'punct', m[2]);
        push(out, 'key', m[3]!);
        push(out, 'punct', m[4]!);
        push(out, 'text', m[5]!);
        yamlValue(out, m[6]!);
      } else {
        const item = /^(\s*)(- )(.*)$/.exec(line);
        if (item) {
          push(out, 'text', item[1]!);
          push(out, 'punct', item[2]!);
          yamlValue(out, item[3]!);
        } else yamlValue(out, line);
      }
    }
    if (i < lines.length - 1) push(out, 'text', '\n');
  });
  return out;
}

function bash(code: string): Token[] {
  const out: Token[] = [];
  const lines = code.split('\n');
  lines.forEach((line, i) => {
    let first = true;
    const re =
      /(#.*$)|("(?:[^"\\]|\\.)*"|'[^']*')|(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)|(--?[A-Za-z][\w-]*)|(\s+)|(\\$)|([^\s"'$]+|\$)/g;
    for (const m of line.matchAll(re)) {
      if (m[1] !== undefined) push(out, 'comment', m[1]);
      else if (m[2] !== undefined) push(out, 'string', m[2]);
      else if (m[3] !== undefined) push(out, 'variable', m[3]);
      else if (m[4] !== undefined) push(out, 'flag', m[4]);
      else if (m[5] !== undefined) push(out, 'text', m[5]);
      else if (m[6] !== undefined) push(out, 'punct', m[6]);
      else {
        push(out, first && !/^\s/.test(line) ? 'command' : 'text', m[0]);
      }
      if (m[5] === undefined) first = false;
    }
    if (i < lines.length - 1) push(out, 'text', '\n');
  });
  return out;
}

/** Splits `code` into tokens; concatenating the token texts always gives `code` back unchanged. */
export function highlight(code: string, language: HighlightLanguage | string): Token[] {
  const text = code.length > 200_000 ? code.slice(0, 200_000) : code;
  switch (language) {
    case 'json':
      return json(text);
    case 'yaml':
      return yaml(text);
    case 'bash':
      return bash(text);
    default:
      return text === '' ? [] : [{ kind: 'text', text }];
  }
}
