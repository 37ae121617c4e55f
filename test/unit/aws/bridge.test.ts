import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventHub } from '../../../electron/host/events.ts';
import { createFileService } from '../../../electron/host/files.ts';
import { createGrants } from '../../../electron/host/grants.ts';
import { createHandlers } from '../../../electron/host/handlers.ts';
import { startWebServer, type WebServer } from '../../../electron/web/server.ts';
import { startXrayServer, type XrayTestServer } from '../../support/xray-server.ts';

// The aws.* methods through the real web-mode bridge: validation at the boundary, host errors as JSON.
describe('aws.* over the web-mode bridge', () => {
  let web: WebServer;
  let xray: XrayTestServer;
  const saved = { ...process.env };
  beforeAll(async () => {
    xray = await startXrayServer();
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' });
    delete process.env.AWS_PROFILE;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statescope-bridge-'));
    const events = createEventHub();
    const handlers = createHandlers({
      mode: 'web',
      version: '0.0.0',
      launchFiles: [],
      files: createFileService({ samplesDir: path.join(dir, 'samples'), grants: createGrants() }),
      dataDir: dir,
      events,
      env: { HOME: dir, AWS_REGION: 'us-east-1', STATESCOPE_AWS_ENDPOINT: xray.endpoint },
    });
    web = await startWebServer({ handlers, staticDir: dir, events });
  });
  afterAll(async () => {
    await web?.close();
    await xray?.close();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  const call = async (method: string, args: unknown) => {
    const res = await fetch(`http://127.0.0.1:${web.port}/api/call/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${web.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('serves reads with the host environment (region, endpoint)', async () => {
    const r = await call('aws.machines', { type: 'EXPRESS' });
    expect(r.status).toBe(200);
    expect((r.body as unknown as { name: string }[]).map((m) => m.name)).toEqual(['clicks-express', 'api-express']);
    const p = await call('aws.profiles', {});
    expect(p.body.endpoint).toBe(xray.endpoint);
  });

  it('refuses bad arguments before any AWS call, and passes host errors through with their code', async () => {
    const before = xray.requests.length;
    const bad = await call('aws.executions', { stateMachineArn: 'x', status: 'DELETE' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/status/);
    expect(xray.requests.length).toBe(before);
    xray.mode = 'access-denied';
    const denied = await call('aws.xrayGroups', {});
    xray.mode = 'ok';
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({
      code: 'aws-access-denied',
      message: expect.stringContaining('xray:GetGroups'),
    });
  });

  it('has no route for a write', async () => {
    const r = await call('aws.startExecution', { stateMachineArn: 'x' });
    expect(r.status).toBe(404);
  });
});
