import fs from 'node:fs';
import path from 'node:path';
import { createDispatcher, type Dispatch } from '../../electron/backend/api/dispatch.ts';
import { Project } from '../../electron/backend/project.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../electron/server/server.ts';
import { tempDir } from './tmp.ts';

export interface TestServer {
  server: RunningServer;
  port: number;
  project: Project;
  /** The renderer folder served: an index.html and an app.js; `secret.txt` lies beside the folder, outside it. */
  staticDir: string;
  /** What the server reported as unexpected (its `log`); a correct server leaves it empty. */
  logs: string[];
  /** The headers an authorized API call carries. */
  auth: Record<string, string>;
  close(): Promise<void>;
}

export const INDEX_HTML = '<!doctype html><html><head><script src="./app.js"></script></head><body>Gloss</body></html>';
export const SECRET = 'outside the renderer folder';

/** A real server over a real project file in a temp folder, with a small renderer folder of its own. */
export async function startTestServer(options: Partial<ServerOptions> = {}, wrap?: (dispatch: Dispatch) => Dispatch): Promise<TestServer> {
  const { dir, cleanup } = tempDir();
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log("gloss");');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  const project = await Project.open(path.join(dir, 'project.gloss'));
  const logs: string[] = [];
  const dispatch = createDispatcher(project);
  const server = await startServer({ dispatch: wrap ? wrap(dispatch) : dispatch, staticDir, port: 0, log: (line) => logs.push(line), ...options });
  return {
    server,
    port: Number(new URL(server.url).port),
    project,
    staticDir,
    logs,
    auth: { authorization: `Bearer ${server.token}` },
    close: async () => {
      await server.close();
      project.close();
      cleanup();
    },
  };
}
