/** The ELK options every scope layout uses (full quality, or fast mode for very large machines). */
import { SPACING } from './model.ts';
import type { LayoutOptions as ElkOptions } from 'elkjs/lib/elk-api';

export function elkOptions(direction: 'DOWN' | 'RIGHT', fast: boolean): ElkOptions {
  const options: ElkOptions = {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.spacing.nodeNode': String(SPACING.nodeNode),
    'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.betweenLayers),
    'elk.spacing.edgeNode': '15',
    'elk.layered.spacing.edgeNodeBetweenLayers': '15',
    'elk.padding': `[top=${SPACING.padding},left=${SPACING.padding},bottom=${SPACING.padding},right=${SPACING.padding}]`,
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    'elk.edgeRouting': 'ORTHOGONAL',
    // The balanced Brandes-Koepf placement keeps a chain of fan-outs centred instead of drifting sideways.
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    // Edge labels sit in the middle of their edge, beside the line (so they never hide a crossing), with a gap.
    'elk.edgeLabels.placement': 'CENTER',
    'elk.spacing.edgeLabel': '3',
    'elk.spacing.labelNode': '6',
  };
  if (fast) {
    options['elk.layered.thoroughness'] = '1';
    options['elk.layered.crossingMinimization.greedySwitch.type'] = 'OFF';
  } else {
    // Keeps siblings in definition order where it costs nothing: cheap on small scopes, very slow on big ones.
    options['elk.layered.considerModelOrder.strategy'] = 'NODES_AND_EDGES';
  }
  return options;
}
