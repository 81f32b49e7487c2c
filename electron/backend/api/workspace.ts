import { GlossError } from '../../../shared/index.ts';
import type { HandlerMap } from './handler.ts';

const notHere = (): never => {
  throw new GlossError('unsupported', 'switching projects is done by the app (the local server or Electron), not by an open project; the CLI takes --db FILE');
};

/**
 * The store answers `workspace.*` only when no host is in front of it (the
 * CLI's in-process calls): the host (`ProjectSession`) answers them itself.
 */
export const workspaceHandlers: HandlerMap<'workspace'> = {
  'workspace.state': notHere,
  'workspace.open': notHere,
  'workspace.create': notHere,
  'workspace.forget': notHere,
  'workspace.choose': notHere,
};
