import type { Client } from '../../../shared/index.ts';
import { createCall, createClient, createRecordingClient, type Call } from './call.ts';
import type { UndoBackend } from '../undo/history.ts';
import { defaultTransport } from './transport.ts';

export { createCall, createClient, type Call };

export const call: Call = createCall(defaultTransport());
export const api: Client = createClient(call);

/** Undo through the backend, for the app's one History. */
export const undoBackend: UndoBackend = {
  undo: (steps) => api.history.undo({ steps: [...steps] }),
  redo: (steps) => api.history.redo({ steps: [...steps] }),
  recordingClient: (onStep) => createRecordingClient(call, onStep),
};
