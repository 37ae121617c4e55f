/**
 * The page's entry, deliberately small: it asks the host for the start-up answer and starts the document worker
 * (boot.ts), then loads the shell, whose code the browser has been fetching and compiling in parallel (index.html
 * preloads it, see vite.config.ts). The shell renders when both are there.
 */
import '@xyflow/react/dist/style.css';
import './app/app.css';
import { beginStartUp } from './app/boot.ts';
import { showBootError } from './app/boot-error.ts';

beginStartUp();

import('./app/mount.tsx').then(
  ({ mount }) => mount(),
  (err: unknown) => showBootError(err),
);
