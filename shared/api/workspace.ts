import { z } from 'zod';

/** A project file the app has opened, for the recent projects list. */
export const RecentProjectSchema = z.object({
  path: z.string(),
  /** The file name without `.gloss`. */
  name: z.string(),
  openedAt: z.string(),
  /** False when the file is no longer there. */
  exists: z.boolean(),
});
export type RecentProject = z.infer<typeof RecentProjectSchema>;

export const WorkspaceStateSchema = z.object({
  /** The open project's absolute path. */
  current: z.string(),
  recent: z.array(RecentProjectSchema),
  /** Whether the host can show the system's file dialog (Electron); otherwise the app asks for a path. */
  canChoose: z.boolean(),
});
export type WorkspaceState = z.infer<typeof WorkspaceStateSchema>;

/** An absolute path typed or chosen by the user. */
const PathArg = z.string().trim().min(1, 'give the path of a project file');

/**
 * Which project file is open. These methods are answered by the host (the
 * local server, Electron's main process), which closes the open project's
 * store worker and opens another; the store itself does not know them.
 * Only files the user named or chose are opened, and a file that is not a
 * Gloss project is refused with the store's own message.
 */
export const workspaceMethods = {
  'workspace.state': { args: z.object({}).strict(), result: WorkspaceStateSchema },
  /** Opens an existing project file (absolute path). */
  'workspace.open': { args: z.object({ path: PathArg }).strict(), result: WorkspaceStateSchema },
  /** Creates a new project file (absolute path; `.gloss` is added when missing) and opens it; an existing file is refused. */
  'workspace.create': { args: z.object({ path: PathArg }).strict(), result: WorkspaceStateSchema },
  /** Removes a path from the recent projects list (the file stays). */
  'workspace.forget': { args: z.object({ path: PathArg }).strict(), result: WorkspaceStateSchema },
  /** Electron only: shows the system's open or save dialog and opens or creates what the user chose; null when cancelled. */
  'workspace.choose': { args: z.object({ mode: z.enum(['open', 'create']) }).strict(), result: WorkspaceStateSchema.nullable() },
} as const;
