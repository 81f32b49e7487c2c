import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlossError } from '../../../shared/index.ts';
import { createWorkerDispatcher } from '../../backend/worker/dispatcher.ts';
import { startServer } from '../../server/server.ts';
import { printJson, stringOption, type Command } from '../command.ts';

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'renderer');

export const serveCommand: Command = {
  usage: 'serve [--port N] [--host H]',
  summary: 'serve the app and its API (default http://127.0.0.1, a free port)',
  valued: ['port', 'host'],
  async run(ctx) {
    const port = Number(stringOption(ctx, 'port') ?? 0);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GlossError('validation', 'serve: --port must be a number from 0 to 65535');
    // The project lives in a worker thread, so a long import never stalls the server's other requests.
    const store = await createWorkerDispatcher(ctx.dbPath);
    const running = await startServer({
      dispatch: store.dispatch,
      staticDir: RENDERER_DIR,
      host: stringOption(ctx, 'host') ?? '127.0.0.1',
      port,
    }).catch(async (err: unknown) => {
      await store.close();
      throw err;
    });
    if (ctx.json) printJson({ url: running.url, db: ctx.dbPath });
    else process.stdout.write(`Gloss is serving ${ctx.dbPath}\nOpen ${running.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void running.close().then(() => store.close()).then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
