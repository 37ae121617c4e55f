/**
 * Runs in the sandboxed preload: exposes exactly one frozen object, `window.statescope`, implementing the
 * contract. ipcRenderer itself never reaches the page. Bundled to a single CommonJS file by electron/build.mjs.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api.ts';

contextBridge.exposeInMainWorld('statescope', createPreloadApi(ipcRenderer));
