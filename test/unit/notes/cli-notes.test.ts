/** `statescope notes` as a user runs it: the real CLI entry point in a child process. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const BIN = path.join(ROOT, 'electron', 'cli', 'bin.mjs');
const FIX = path.join(ROOT, 'test', 'fixtures', 'notes');

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface NotesJson {
  notes: { id: string; title: string; body: string; topics: string[]; attachesTo: string[] }[];
  matches?: {
    machine: string;
    element: string;
    type: string;
    notes: string[];
    findings: { code: string; severity: string; message: string; note?: string }[];
  }[];
}

describe('statescope notes', () => {
  it('lists every note as JSON with the documented fields', () => {
    const run = cli(['notes', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as NotesJson;
    expect(out.notes.length).toBeGreaterThan(30);
    expect(Object.keys(out.notes[0]!).sort()).toEqual(['attachesTo', 'body', 'id', 'title', 'topics']);
    expect(out.matches).toBeUndefined();
  });

  it('answers in Korean and searches in either language', () => {
    const run = cli(['notes', '--lang', 'ko', '--search', 'envelope', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as NotesJson;
    expect(out.notes[0]!.id).toBe('kms-envelope-encryption');
    expect(out.notes[0]!.title).toMatch(/봉투/);
    const text = cli(['notes', '--topic', 'glue']);
    expect(text.stdout).toMatch(/^glue\s+AWS Glue/m);
    expect(text.stdout).toContain('CC BY 4.0');
  });

  it('--for FILE lists which notes attach to which states', () => {
    const run = cli(['notes', '--for', path.join(FIX, 'approval-flow.asl.json'), '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as NotesJson;
    const byState = new Map(out.matches!.map((m) => [m.element, m.notes]));
    expect(byState.get('Load Credentials')).toContain('secrets-manager-rotation');
    expect(byState.get('Ask Manager')![0]).toBe('sfn-human-approval');
    expect(byState.get('Ask Manager')).toEqual(expect.arrayContaining(['sfn-retry-catch', 'sfn-integration-patterns']));
    expect(byState.get('Process Rows')![0]).toBe('sfn-distributed-map');
    expect(byState.get('Encrypt Row')).toContain('kms-envelope-encryption');
    expect(byState.get('Rejected')).toContain('sfn-flow-states');
    // The notes list holds exactly the notes some state uses.
    const used = new Set(
      out.matches!.flatMap((m) => [...m.notes, ...m.findings.flatMap((f) => (f.note ? [f.note] : []))]),
    );
    expect(new Set(out.notes.map((n) => n.id))).toEqual(used);
  });

  it('--for a SAM template reads the workflow type: an Express callback state gets the Express note first; validate reports it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-notes-cli-'));
    try {
      const file = path.join(dir, 'intake.yaml');
      fs.writeFileSync(
        file,
        [
          'Transform: AWS::Serverless-2016-10-31',
          'Resources:',
          '  Fn:',
          '    Type: AWS::Serverless::Function',
          '  Intake:',
          '    Type: AWS::Serverless::StateMachine',
          '    Properties:',
          '      Type: EXPRESS',
          '      Definition:',
          '        StartAt: Ask',
          '        States:',
          '          Ask:',
          '            Type: Task',
          '            Resource: arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          '            Parameters: { QueueUrl: q, MessageBody: { token.$: $$.Task.Token } }',
          '            Next: Score',
          '          Score:',
          '            Type: Task',
          '            Resource: !GetAtt Fn.Arn',
          '            End: true',
          '',
        ].join('\n'),
      );
      const run = cli(['notes', '--for', file, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const byState = new Map((JSON.parse(run.stdout) as NotesJson).matches!.map((m) => [m.element, m.notes]));
      expect(byState.get('Ask')![0]).toBe('sfn-express-limits');
      // Find the bug: the validation finding on the state names the note that explains it.
      const ask = (JSON.parse(run.stdout) as NotesJson).matches!.find((m) => m.element === 'Ask')!;
      expect(ask.findings).toEqual([
        expect.objectContaining({ code: 'express-integration-pattern', severity: 'error', note: 'sfn-express-limits' }),
      ]);
      const text = cli(['notes', '--for', file]);
      expect(text.stdout).toMatch(
        /! error: State "Ask": an Express workflow cannot use .* → see \[sfn-express-limits\]/,
      );
      expect(byState.get('Score')).toContain('sfn-task-state');
      const validate = cli(['validate', file]);
      expect(validate.code).not.toBe(0);
      expect(validate.stdout + validate.stderr).toMatch(/Express workflow cannot use the wait-for-callback pattern/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a readable outline without --json', () => {
    const run = cli(['notes', '--for', path.join(FIX, 'approval-flow.asl.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/notes for 5 states/);
    expect(run.stdout).toMatch(
      / {2}Ask Manager \(Task\)\n {4}- Human approval with a task token \[sfn-human-approval\]/,
    );
  });

  it('exits 2 with a clear message for bad usage and unreadable or unparseable files', () => {
    const lang = cli(['notes', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang must be "en" or "ko"');
    expect(cli(['notes', '--topic', 'nope']).stderr).toContain('unknown topic "nope"');
    expect(cli(['notes', '--machine', 'x']).stderr).toContain('--machine needs --for FILE');
    const missing = cli(['notes', '--for', path.join(FIX, 'does-not-exist.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('File not found');
    const broken = cli(['notes', '--for', path.join(FIX, 'truncated.asl.json')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/truncated\.asl\.json:1:\d+: error:/);
  });
});
