// Preload: exposes one named function per contract command and a checked `on` for events.
// Raw ipcRenderer never reaches the page (contextIsolation + sandbox are on).
import { contextBridge, ipcRenderer } from 'electron';
import { buildPreloadBridge } from '../shared/transport/ipcClient';

contextBridge.exposeInMainWorld('stageside', buildPreloadBridge(ipcRenderer));
