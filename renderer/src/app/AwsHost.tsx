/**
 * The AWS tab's host: the panel stays mounted while hidden, so its connection and lists survive tab switches.
 * What it fetches opens like files: definitions as ASL tabs, executions as overlays, traces and service graphs in
 * X-Ray tabs (each with "Save as file").
 */
import { AwsPanel } from '../aws/index.ts';
import type { Lang } from '../i18n/index.ts';
import type { Dispatcher } from './dispatcher.ts';

/** A file name stamped with the time (`traces-2026-01-02T030405.json`). */
function stamped(prefix: string, at: Date, length: number): string {
  return `${prefix}-${at.toISOString().slice(0, length).replace(/:/g, '')}.json`;
}

export function AwsHost({ dispatcher, lang, shown }: { dispatcher: Dispatcher; lang: Lang; shown: boolean }) {
  return (
    <div className="ss-aws-host" data-testid="aws-tab" hidden={!shown}>
      <AwsPanel
        lang={lang}
        onOpenDefinition={(d) => dispatcher.openAsl(`aws:${d.stateMachineArn}`, d.name, d.text, true)}
        onOpenExecution={dispatcher.openExecution}
        onOpenTraces={(batch) =>
          dispatcher.openXray([{ name: stamped('traces', new Date(), 19), text: JSON.stringify(batch, null, 2) }], true)
        }
        onOpenServiceGraph={(graph, range) =>
          dispatcher.openXray(
            [
              {
                name: stamped(`service-graph${range.group ? `-${range.group}` : ''}`, new Date(range.startMs), 16),
                text: JSON.stringify(
                  { StartTime: graph.StartTime, EndTime: graph.EndTime, Services: graph.Services },
                  null,
                  2,
                ),
              },
            ],
            true,
          )
        }
      />
    </div>
  );
}
