/** Warming ELK up in a fresh worker (its first calls are several times slower than later ones). */
import { defaultElkEngine, type LayoutEngine } from './elk-engine.ts';
import { elkOptions } from './elk-options.ts';
import type { ElkNode } from 'elkjs/lib/elk-api';

/**
 * Runs ELK a few times on a small synthetic graph so its code is compiled before the user's first large machine:
 * ELK's first calls in a fresh worker are several times slower than later ones. Call it when a layout worker
 * starts; it never throws.
 */
export async function warmUpLayout(engine: LayoutEngine = defaultElkEngine(), rounds = 3): Promise<void> {
  const n = 40;
  for (let r = 0; r < rounds; r++) {
    const graph: ElkNode = {
      id: 'root',
      children: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, width: 150 + (i % 3) * 20, height: 44 })),
      edges: Array.from({ length: n - 1 }, (_, i) => ({
        id: `e${i}`,
        sources: [`n${i}`],
        targets: [`n${i + 1}`],
      })).concat(
        Array.from({ length: n / 4 }, (_, i) => ({
          id: `x${i}`,
          sources: [`n${i * 4}`],
          targets: [`n${Math.min(n - 1, i * 4 + 2 + (i % 3))}`],
        })),
      ),
    };
    try {
      await engine.layout(graph, elkOptions('DOWN', r % 2 === 0));
    } catch {
      return;
    }
  }
}
