/**
 * The hostile inputs: each case writes its file(s) into a scratch folder and names the command a user would run,
 * the exit status documented for it, and the message (or output) that shows it was handled. Shared by the CLI
 * run and the web-bridge run so both see exactly the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface HostileCase {
  id: string;
  /** What is hostile about it (one line for RESULTS.md). */
  what: string;
  /** Writes the input and returns its path. */
  make(dir: string): string;
  /** `statescope` arguments; FILE is replaced by the path. */
  cli: string[];
  /** Documented exit status. */
  exit: number;
  /** Must appear in stdout+stderr. */
  expect: RegExp;
  /** Must not appear (e.g. a stack trace). */
  never?: RegExp;
  /** How the web bridge's files.read must answer: HTTP status and a message pattern (200: the text came back). */
  bridge: { status: number; expect?: RegExp };
}

const STACK = /\n\s+at .+:\d+:\d+|Unhandled|FATAL|heap out of memory|unexpected error/;
const XSS_NAME = '<img src=x onerror="globalThis.__pwned=1"><script>globalThis.__pwned=2</script>';

function write(dir: string, name: string, data: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

function nestedParallel(depth: number): unknown {
  let inner: unknown = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
  for (let i = depth - 1; i >= 0; i--) {
    inner = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', End: true, Branches: [inner] } } };
  }
  return inner;
}

function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const TRACE = '1-5f84c7a5-0123456789abcdef01234567';
function seg(id: string, name: string, start: number, end: number, extra: Record<string, unknown> = {}) {
  return { id, trace_id: TRACE, name, start_time: start, end_time: end, ...extra };
}

/** A state name that runs script if anything ever renders it as HTML (the UI spec checks `__pwned`). */
export { XSS_NAME };

export const CASES: HostileCase[] = [
  {
    id: 'json-malformed',
    what: 'JSON cut off in the middle of an object',
    make: (d) => write(d, 'broken.asl.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass",\n'),
    cli: ['graph', 'FILE'],
    exit: 2,
    expect: /broken\.asl\.json:5:1: error: Invalid JSON: Unexpected end of file/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'yaml-malformed',
    what: 'YAML with an unclosed flow sequence and a bad indent',
    make: (d) => write(d, 'broken.asl.yaml', 'StartAt: A\nStates:\n  A: [Type: Pass\n   End: true\n'),
    cli: ['graph', 'FILE'],
    exit: 2,
    expect: /broken\.asl\.yaml:3:\d+: error: Invalid YAML: /,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'yaml-alias-bomb',
    what: 'YAML "billion laughs": 9 levels of 10 aliases each',
    make: (d) => {
      const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i <= 9; i++)
        lines.push(
          `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(',')}]`,
        );
      lines.push('StartAt: A', 'States:', '  A: {Type: Pass, End: true, Result: *a9}');
      return write(d, 'bomb.asl.yaml', lines.join('\n') + '\n');
    },
    cli: ['graph', 'FILE'],
    exit: 2,
    expect:
      /bomb\.asl\.yaml:\d+:\d+: error: Invalid YAML: YAML aliases expand to more than 100000 values; this looks like an alias bomb\./,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'nesting-300-parallel',
    what: '300 Parallel states nested inside each other',
    make: (d) => write(d, 'deep-parallel.asl.json', JSON.stringify(nestedParallel(300))),
    cli: ['graph', 'FILE', '--json'],
    exit: 0,
    expect: /"name": "P299"[\s\S]*"name": "Leaf"/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'nesting-300-json',
    what: 'a Pass Result nested 300 objects deep',
    make: (d) =>
      write(
        d,
        'deep-json.asl.json',
        `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":${nestedObject(300)}}}}`,
      ),
    cli: ['graph', 'FILE'],
    exit: 0,
    expect: /A +Pass +end/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'definition-50mb',
    what: 'a 50 MB definition (one Pass state with a 50 MB Result array)',
    make: (d) => {
      const item =
        '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",';
      const body = item.repeat(Math.ceil((50 * 1024 * 1024) / item.length));
      return write(
        d,
        'big.asl.json',
        `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Result":[${body}"end"]}}}`,
      );
    },
    cli: ['graph', 'FILE'],
    exit: 0,
    expect: /A +Pass +end[\s\S]*Validation skipped: the file is over 10 MB/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'file-500mb-sparse',
    what: 'a 500 MB (sparse) file: refused before reading',
    make: (d) => {
      const file = path.join(d, 'huge.asl.json');
      const fd = fs.openSync(file, 'w');
      fs.ftruncateSync(fd, 500 * 1024 * 1024);
      fs.closeSync(fd);
      return file;
    },
    cli: ['graph', 'FILE'],
    exit: 2,
    expect: /huge\.asl\.json is 500\.0 MB; Statescope opens files up to 256\.0 MB\./,
    never: STACK,
    bridge: { status: 413, expect: /500\.0 MB/ },
  },
  {
    id: 'proto-names',
    what: 'states named __proto__, constructor and prototype',
    make: (d) =>
      write(
        d,
        'proto.asl.json',
        '{"StartAt":"__proto__","States":{"__proto__":{"Type":"Pass","Next":"constructor"},' +
          '"constructor":{"Type":"Pass","Next":"prototype"},"prototype":{"Type":"Succeed"}}}',
      ),
    cli: ['graph', 'FILE'],
    exit: 0,
    expect:
      /3 states, 2 transitions, starts at "__proto__"\)\n {2}__proto__ +Pass\n {2}constructor +Pass\n {2}prototype +Succeed/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'html-names',
    what: 'HTML and script in a state name and in Comments',
    make: (d) =>
      write(
        d,
        'html.asl.json',
        JSON.stringify({
          Comment: `<script>alert(1)</script>`,
          StartAt: XSS_NAME,
          States: { [XSS_NAME]: { Type: 'Pass', Comment: '<b onmouseover=alert(1)>hi</b>', End: true } },
        }),
      ),
    cli: ['graph', 'FILE', '--json'],
    exit: 0,
    expect: /"name": "<img src=x onerror=\\"globalThis\.__pwned=1\\"><script>globalThis\.__pwned=2<\/script>"/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'transition-cycle',
    what: 'A → B → A with no way to end',
    make: (d) =>
      write(
        d,
        'cycle.asl.json',
        '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}',
      ),
    cli: ['graph', 'FILE'],
    exit: 1,
    expect: /error: This state machine can never finish: no state has "End": true/,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'non-utf8',
    what: 'Latin-1 bytes (0xE9) in a state name',
    make: (d) =>
      write(
        d,
        'latin1.asl.json',
        Buffer.from('{"StartAt":"caf\xe9","States":{"caf\xe9":{"Type":"Succeed"}}}', 'latin1'),
      ),
    cli: ['graph', 'FILE'],
    exit: 2,
    expect: /latin1\.asl\.json is not valid UTF-8 text/,
    never: STACK,
    bridge: { status: 415, expect: /not valid UTF-8/ },
  },
  {
    id: 'binary',
    what: 'a PNG file renamed to .asl.json',
    make: (d) =>
      write(
        d,
        'image.asl.json',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      ),
    cli: ['graph', 'FILE'],
    exit: 2,
    expect: /image\.asl\.json looks like a binary file/,
    never: STACK,
    bridge: { status: 415, expect: /binary/ },
  },
  {
    id: 'xray-parent-cycle',
    what: 'X-Ray subsegment parents that form a cycle (a → b → a)',
    make: (d) =>
      write(
        d,
        'cycle.xray.json',
        JSON.stringify([
          seg('aaaaaaaaaaaaaaa1', 'root', 1.0, 2.0),
          seg('aaaaaaaaaaaaaaa2', 'a', 1.1, 1.5, { parent_id: 'aaaaaaaaaaaaaaa3', type: 'subsegment' }),
          seg('aaaaaaaaaaaaaaa3', 'b', 1.2, 1.4, { parent_id: 'aaaaaaaaaaaaaaa2', type: 'subsegment' }),
        ]),
      ),
    cli: ['traces', 'FILE'],
    exit: 1,
    expect:
      /error: Trace 1-5f84c7a5-0123456789abcdef01234567: parent links of "a" \(aaaaaaaaaaaaaaa2\) form a cycle; the link to aaaaaaaaaaaaaaa3 was ignored\./,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'xray-missing-parent',
    what: 'an X-Ray segment whose parent_id is in no document',
    make: (d) =>
      write(
        d,
        'orphan.xray.json',
        JSON.stringify([
          seg('bbbbbbbbbbbbbbb1', 'root', 1.0, 2.0),
          seg('bbbbbbbbbbbbbbb2', 'orphan', 1.1, 1.5, { parent_id: 'ffffffffffffffff' }),
        ]),
      ),
    cli: ['traces', 'FILE'],
    exit: 0,
    expect:
      /warning: Trace [\w-]+: "orphan" \(bbbbbbbbbbbbbbb2\) names parent ffffffffffffffff, which is not in the trace; shown as a root\./,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'xray-end-before-start',
    what: 'an X-Ray segment that ends before it starts',
    make: (d) => write(d, 'backwards.xray.json', JSON.stringify([seg('ccccccccccccccc1', 'backwards', 5.0, 2.0)])),
    cli: ['traces', 'FILE'],
    exit: 0,
    expect:
      /warning: Trace [\w-]+: "backwards" \(ccccccccccccccc1\) ends before it starts \(clock skew\); shown with no duration\./,
    never: STACK,
    bridge: { status: 200 },
  },
  {
    id: 'xray-html-names',
    what: 'HTML/script in segment names, annotations and metadata, __proto__ annotation keys',
    make: (d) =>
      write(
        d,
        'html.xray.json',
        `[${JSON.stringify(
          seg('ddddddddddddddd1', XSS_NAME, 1.0, 2.0, {
            annotations: { note: '<script>alert(1)</script>' },
            metadata: { default: { html: '<iframe src=javascript:alert(1)>' } },
          }),
        ).replace('"annotations":{', '"annotations":{"__proto__":{"polluted":true},')}]`,
      ),
    cli: ['traces', 'FILE', '--json'],
    exit: 0,
    expect: /"root": "<img src=x onerror=\\"globalThis\.__pwned=1\\"><script>globalThis\.__pwned=2<\/script>"/,
    never: STACK,
    bridge: { status: 200 },
  },
];
