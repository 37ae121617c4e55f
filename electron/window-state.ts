/**
 * The main window's size and position, remembered in `window-state.json` in the data folder. Plain Node so it is
 * tested without Electron; the caller supplies the screens' work areas so a window saved on a monitor that is no
 * longer attached comes back on a visible one instead of off-screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './host/atomic-write.ts';

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
const MIN = { width: 720, height: 480 };

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** Saved bounds if the file is sane and the window would be at least partly on one of `workAreas`; else null. */
export function loadWindowBounds(
  dataDir: string,
  workAreas: Array<Omit<WindowBounds, 'maximized'>>,
): WindowBounds | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
  const b = raw as Partial<WindowBounds> | null;
  if (!b || !isInt(b.x) || !isInt(b.y) || !isInt(b.width) || !isInt(b.height)) return null;
  if (b.width < MIN.width || b.height < MIN.height || b.width > 20_000 || b.height > 20_000) return null;
  // At least 100×50 px of the title area must land on some screen.
  const visible = workAreas.some(
    (a) =>
      Math.min(b.x! + b.width!, a.x + a.width) - Math.max(b.x!, a.x) >= 100 &&
      Math.min(b.y! + 50, a.y + a.height) - Math.max(b.y!, a.y) >= 25,
  );
  if (!visible) return null;
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: b.maximized === true };
}

/** Saves the bounds (atomically; failures are ignored — a lost window position is not worth an error). */
export async function saveWindowBounds(dataDir: string, bounds: WindowBounds): Promise<void> {
  try {
    await fs.promises.mkdir(dataDir, { recursive: true });
    await writeFileAtomic(path.join(dataDir, WINDOW_STATE_FILE), JSON.stringify(bounds));
  } catch {
    // ignored
  }
}
