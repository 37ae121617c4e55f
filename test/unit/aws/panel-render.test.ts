import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StatescopeApi } from '../../../shared/contract.ts';
import { AwsPanel } from '../../../renderer/src/aws/index.ts';

// A contract client whose calls never settle: the first paint must not depend on any answer.
const pending: StatescopeApi = {
  call: () => new Promise(() => {}),
  on: () => () => {},
};

describe('AwsPanel first paint', () => {
  it('shows the connection state and the pickers before anything is loaded', () => {
    const html = renderToString(
      createElement(AwsPanel, { api: pending, initialConnection: { profile: 'dev', region: 'eu-west-1' } }),
    );
    expect(html).toContain('AWS (read-only)');
    expect(html).toContain('Not connected');
    expect(html).toContain('data-testid="aws-connection"');
    expect(html).toMatch(/<option value="dev"|value="dev"/);
    expect(html).toContain('eu-west-1');
    expect(html).toContain('Statescope only reads');
    expect(html).not.toContain('Step Functions</button>'); // no tabs before connecting
  });

  it('speaks Korean when asked', () => {
    const html = renderToString(createElement(AwsPanel, { api: pending, lang: 'ko' }));
    expect(html).toContain('연결되지 않음');
    expect(html).toContain('AWS (읽기 전용)');
  });
});
