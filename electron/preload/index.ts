// Runs in: the sandboxed preload (CommonJS bundle out/preload/index.cjs). Exposes one typed
// function per core method on window.earshot; ipcRenderer itself never reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { PRELOAD_GLOBAL } from '../../shared/contracts/ipc.ts';
import { createPreloadApi } from './bridge-api.ts';

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, createPreloadApi(ipcRenderer));
