import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNEL, type GlossBridge } from '../shared/api/bridge.ts';

// The sandboxed preload: it may require only 'electron', so it imports the
// bridge constants from their own file (no zod, no contract). It exposes one
// function and nothing else; the main process checks the sender and validates
// the arguments.
const bridge: GlossBridge = {
  call: (method, args, meta) => ipcRenderer.invoke(IPC_CHANNEL, method, args, meta),
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
