/**
 * How much React renders before the page's first frame with a graph, counted (not timed) through the hook React
 * calls for its developer tools (bench/react-commits.ts, as `bench/start-profile.ts --commits` prints them).
 *
 * The first commit mounts the shell and the graph. Before the first frame there may be one more: React Flow's zoom
 * pane sets the opening view, and the shell takes the document view's first reports (status line, machine name).
 * Neither renders the document view or a node or edge wrapper again: React Flow's options are in its store before
 * its first render (GraphCanvas.tsx) and the machine name reaches the notes tab through a context (AslTab.tsx);
 * before, that commit rendered 95 components of the first sample's 358 (every node and edge wrapper, the view and
 * its graph), now 32: the shell's bar and tabs and what shows the view (counted as bench/react-commits.ts counts,
 * skipping what React left untouched). The document view and its graph are not rendered again there: they
 * used to be, three times over (the shell re-rendering everything when it took the view's first reports, the view
 * keeping its main element in state, and `useReactFlow()` handing out a new instance once the zoom pane was set
 * up), which made the commits before the first frame 358 + 288 + 219 components for the first sample, 2.4 times
 * the first one's; a link naming the document alone (no machine, no state) also re-rendered it with an unchanged
 * view.
 */
import { COUNT_COMMITS, type Commit } from '../../bench/react-commits.ts';
import { expect, test } from './fixtures.ts';

for (const [what, hash] of [
  ['the first sample', ''],
  ['a document named in the URL', `#doc=${encodeURIComponent('sample:human-approval')}`],
] as const) {
  test(`before the first frame of ${what} the graph is rendered once`, async ({ context, app, consoleErrors }) => {
    const page = await context.newPage();
    await page.addInitScript(COUNT_COMMITS);
    await page.goto(`${app.url}${hash}`);
    // Visible once React Flow has measured the nodes, after the first frame that had them in the page.
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    const commits = (await page.evaluate('window.__commits')) as Commit[];
    const before = commits.filter((c) => c.beforeFirstNode);
    const rendered = before.reduce((n, c) => n + c.rendered, 0);
    test.info().annotations.push({
      type: 'commits before the first node',
      description: before.map((c) => c.rendered).join(' + '),
    });
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThanOrEqual(2);
    // At most twice the mount in all, where rendering the graph again made it 2.4 times.
    expect(rendered).toBeLessThanOrEqual(2 * before[0]!.rendered);
    // The second commit renders no node or edge wrapper nor the document view, whatever the machine's size: the
    // shell's bars and tabs and React Flow's viewport parts are 32 components; with them it was 95 and 62 here.
    for (const later of before.slice(1)) expect(later.rendered).toBeLessThanOrEqual(40);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
}
