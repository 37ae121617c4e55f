/**
 * The state runs of one history while it is being read: which are open, how a run is closed (with what is inside
 * it), and which run an event belongs to, by its cause links first and by the innermost open run when links are
 * missing. Used by `analyzeHistory` (analyze.ts).
 */
import type { StateType } from '../../asl/types.ts';
import { details } from './events.ts';
import type { MapIteration, RunParent, StateRun } from './types.ts';

/** One history event, normalised. */
export interface Ev {
  seq: number;
  id?: number;
  prev?: number;
  type: string;
  ms?: number;
  raw: Record<string, unknown>;
  /** The run this event belongs to, once known. */
  owner?: Inst;
}

export type FailureKind = 'failed' | 'timed-out' | 'aborted';
export type ClosedBy = 'exit' | 'execution' | 'parent';

/** One state instance (a run) with what the reader keeps about it until the end. */
export interface Inst {
  run: StateRun;
  entered: Ev;
  open: boolean;
  /** True once something else (execution end, parent exit) closed it without its own Exited event. */
  closedWithoutExit: boolean;
  /** What closed it: its own Exited event, the execution ending, or its parent/iteration ending. */
  closedBy?: ClosedBy;
  lastSuccessSeq: number;
  failure?: { kind: FailureKind; seq: number; error?: string; cause?: string };
  scheduled: number;
  parentInst?: Inst;
  iterations: Map<number, MapIteration & { open: boolean }>;
  /** The iteration started last (the fallback frame for events without links). */
  lastIteration?: number;
  children: Inst[];
  /** Children by Map iteration index, so an iteration's end closes only its own runs. */
  byIteration?: Map<number, Inst[]>;
  branchCount: number;
  abortSeen?: boolean;
}

/** Where a run being entered sits. */
export interface Frame {
  parentInst?: Inst;
  parent: RunParent | null;
}

/** Real links reach their owner in a few steps; the cap keeps a hostile chain from costing n² time. */
const MAX_CHAIN_STEPS = 4096;

function matchesRun(o: Inst, kind?: StateType, name?: string): boolean {
  return o.open && (!kind || o.run.type === kind) && (!name || o.run.name === name);
}

function isContainer(type: StateType): boolean {
  return type === 'Map' || type === 'Parallel';
}

/** The frame of a run entered inside container `c` with no link saying where: its latest open iteration. */
function frameFromContainer(c: Inst): Frame {
  const parent: RunParent = { runId: c.run.runId, name: c.run.name };
  if (c.run.type === 'Map') {
    let latest: number | undefined;
    if (c.lastIteration !== undefined && c.iterations.get(c.lastIteration)?.open) latest = c.lastIteration;
    else for (const it of c.iterations.values()) if (it.open) latest = it.index;
    if (latest !== undefined) parent.iteration = latest;
  }
  return { parentInst: c, parent };
}

/** The frame a run gets from the event it links to (an iteration start, a Parallel start, a sibling). */
function frameFromLink(p: Ev): Frame | undefined {
  const owner = p.owner;
  if (!owner) return undefined;
  if (p.type === 'MapIterationStarted') {
    const index = Number((details(p.raw) ?? {}).index);
    const parent: RunParent = { runId: owner.run.runId, name: owner.run.name };
    if (Number.isSafeInteger(index)) parent.iteration = index;
    return { parentInst: owner, parent };
  }
  if (p.type === 'ParallelStateStarted') {
    return { parentInst: owner, parent: { runId: owner.run.runId, name: owner.run.name, branch: owner.branchCount++ } };
  }
  if (p === owner.entered && isContainer(owner.run.type)) return frameFromContainer(owner);
  return { parentInst: owner.parentInst, parent: owner.run.parent ? { ...owner.run.parent } : null };
}

/** Records `inst` as a child of its frame's parent (and of the parent's iteration, for a Map). */
function attachToParent(inst: Inst, frame: Frame): void {
  const p = frame.parentInst;
  if (!p) return;
  inst.parentInst = p;
  p.children.push(inst);
  const it = frame.parent?.iteration;
  if (it === undefined) return;
  p.byIteration ??= new Map();
  const list = p.byIteration.get(it);
  if (list) list.push(inst);
  else p.byIteration.set(it, [inst]);
}

export class Runs {
  /** Every run, in the order entered (runId is the index). */
  readonly all: Inst[] = [];
  /**
   * Open runs in the order they were entered. Closing only flags a run; `compact` drops flagged entries now and
   * then, so closing stays cheap even with thousands of runs open.
   */
  private open: Inst[] = [];
  private closedInOpen = 0;
  private readonly cursors = new Map<string, number>();

  constructor(private readonly byId: Map<number, Ev>) {}

  /** The event `e` links to as its cause. */
  prevOf(e: Ev): Ev | undefined {
    return e.prev !== undefined && e.prev > 0 ? this.byId.get(e.prev) : undefined;
  }

  /** Starts a run for the Entered event `e`, placed in `frame`. */
  enter(e: Ev, run: StateRun, frame: Frame): Inst {
    const inst: Inst = {
      run,
      entered: e,
      open: true,
      closedWithoutExit: false,
      lastSuccessSeq: -1,
      scheduled: 0,
      iterations: new Map(),
      branchCount: 0,
      children: [],
    };
    attachToParent(inst, frame);
    e.owner = inst;
    this.all.push(inst);
    this.open.push(inst);
    return inst;
  }

  /** Closes `inst` and everything still open inside it (`withoutExit`: closed by something other than its Exited). */
  close(inst: Inst, withoutExit: boolean, ms?: number, by: ClosedBy = withoutExit ? 'parent' : 'exit'): void {
    if (!inst.open) return;
    // Iterative, not recursive: a hostile history may nest thousands of levels.
    const stack: [Inst, boolean, ClosedBy][] = [[inst, withoutExit, by]];
    while (stack.length) {
      const [x, without, how] = stack.pop()!;
      if (!x.open) continue;
      x.open = false;
      x.closedWithoutExit = without;
      x.closedBy = how;
      this.closedInOpen++;
      if (without && x.run.endMs === undefined && ms !== undefined) x.run.endMs = ms;
      // Anything still open inside it ended with it.
      for (const child of x.children)
        if (child.open) stack.push([child, true, how === 'execution' ? 'execution' : 'parent']);
    }
    this.compact();
  }

  /** The execution ended: closes every open run, top-level runs first. */
  closeAll(ms: number | undefined): void {
    for (const o of [...this.open]) if (o.open && !o.parentInst) this.close(o, true, ms, 'execution');
    for (const o of [...this.open]) if (o.open) this.close(o, true, ms, 'execution');
  }

  private compact(): void {
    if (this.closedInOpen > 64 && this.closedInOpen * 2 > this.open.length) {
      this.open = this.open.filter((o) => o.open);
      this.closedInOpen = 0;
    }
  }

  /** Walks the cause links up from `start` to the first open run of the wanted kind. */
  chainOwner(start: Ev | undefined, kind: StateType | undefined, name?: string): Inst | undefined {
    let cur = start;
    for (let steps = 0; cur && steps < MAX_CHAIN_STEPS; steps++) {
      const o = cur.owner;
      if (o && matchesRun(o, kind, name)) return o;
      // Skip over a finished run: go to what came before it was entered.
      if (o && !o.open && o.entered !== cur && cur.type.endsWith('StateExited')) {
        cur = this.prevOf(o.entered);
        continue;
      }
      cur = this.prevOf(cur);
    }
    return undefined;
  }

  /** The innermost (latest entered) open run of a kind and name. */
  innermostOpen(kind?: StateType, name?: string): Inst | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const o = this.open[i]!;
      if (matchesRun(o, kind, name)) return o;
    }
    return undefined;
  }

  /** The open run entered with the same cause link as `e`, before it (an evaluation failure follows its entry). */
  enteredWithSameLink(e: Ev): Inst | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const o = this.open[i]!;
      if (o.open && o.entered.prev === e.prev && o.entered.seq < e.seq) return o;
    }
    return undefined;
  }

  /**
   * Oldest run of a kind that an abort without a usable link can belong to: first one still running without a
   * failure of its own (a branch stopped because another failed), else any without an Exited event. Both tests
   * only ever turn false for a run, so a cursor per kind moves forward and the search stays linear overall.
   */
  abortCandidate(kind: StateType): Inst | undefined {
    return (
      this.scan(`live:${kind}`, kind, (o) => o.open && !o.failure && !o.abortSeen) ??
      this.scan(`any:${kind}`, kind, (o) => !o.abortSeen && o.run.exitedEventId === undefined)
    );
  }

  private scan(key: string, kind: StateType, ok: (o: Inst) => boolean): Inst | undefined {
    let i = this.cursors.get(key) ?? 0;
    while (i < this.all.length && !(this.all[i]!.run.type === kind && ok(this.all[i]!))) i++;
    this.cursors.set(key, i);
    return this.all[i];
  }

  /** The innermost open Map or Parallel run. */
  private openContainer(): Inst | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const o = this.open[i]!;
      if (o.open && isContainer(o.run.type)) return o;
    }
    return undefined;
  }

  /** Decides the parent of a run being entered now: from its cause link, else the innermost open container. */
  frameOf(e: Ev): Frame {
    const p = this.prevOf(e);
    const linked = p ? frameFromLink(p) : undefined;
    if (linked) return linked;
    const c = this.openContainer();
    return c ? frameFromContainer(c) : { parent: null };
  }
}
