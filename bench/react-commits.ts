/**
 * React's commits during a page start, counted through the hook React calls for its developer tools
 * (`__REACT_DEVTOOLS_GLOBAL_HOOK__.onCommitFiberRoot`, as test/e2e/start-inline.spec.ts counts them): for each
 * commit, when it happened, the graph nodes in the page after it, whether the first graph node had been seen in an animation frame yet, and how many
 * components rendered in it (fibers that did work), with the components that rendered on their own account (their
 * parent did not: a state, store or context change of theirs) by name. Names are the build's: minified in the
 * production bundle, readable in one built with `vite build --minify false`. Counts, not times: a commit before
 * the first frame that renders the graph again is work the first frame waits for. A subtree React skipped keeps
 * the very fiber objects of the tree committed before, flags and all, so a fiber that was in the previous commit's
 * tree is not counted again (counted, a commit that re-rendered 32 components showed 274, most of them stale).
 */

/** Page script (run before the app's own): `window.__commits` collects the commits. */
export const COUNT_COMMITS = `(() => {
  window.__commits = [];
  let seen = false;
  const tick = () => {
    if (document.querySelector('.react-flow__node')) seen = true;
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const nameOf = (f) => {
    const t = f.type && (f.type.type || f.type.render || f.type);
    return (t && (t.displayName || t.name)) || '?';
  };
  let ids = 0;
  let before = new WeakSet();
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { this.renderers.set(++ids, renderer); return ids; },
    onCommitFiberRoot(_id, root) {
      let rendered = 0;
      const own = new Map();
      // PerformedWork (flag 1): the component's function ran in this render.
      const now = new WeakSet();
      const walk = (first, parentRan) => {
        for (let f = first; f; f = f.sibling) {
          now.add(f);
          const component = typeof f.type === 'function' || (typeof f.type === 'object' && f.type !== null);
          const ran = component && !before.has(f) && (f.flags & 1) === 1;
          if (ran) {
            rendered++;
            if (!parentRan) own.set(nameOf(f), (own.get(nameOf(f)) || 0) + 1);
          }
          if (f.child) walk(f.child, ran || (!component && parentRan));
        }
      };
      walk(root.current.child, false);
      before = now;
      window.__commits.push({
        at: Math.round(performance.now()),
        nodes: document.querySelectorAll('.react-flow__node').length,
        beforeFirstNode: !seen,
        rendered,
        own: [...own].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, n]) => (n > 1 ? k + ' ×' + n : k)).join(', '),
      });
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
})();`;

export interface Commit {
  at: number;
  /** Graph nodes in the page after the commit. */
  nodes: number;
  beforeFirstNode: boolean;
  rendered: number;
  own: string;
}

/** Lines for the commits up to the first one after the first node was seen. */
export function commitLines(commits: Commit[]): string[] {
  const before = commits.filter((c) => c.beforeFirstNode);
  const shown = commits.slice(0, before.length + 1);
  return [
    `  React commits before the first node: ${before.length}, components rendered in them: ${before.reduce((n, c) => n + c.rendered, 0)}`,
    ...shown.map(
      (c) =>
        `  ${String(c.at).padStart(5)} ${c.beforeFirstNode ? 'before' : 'after '} ${String(c.rendered).padStart(4)} rendered; on their own account: ${c.own}`,
    ),
  ];
}
