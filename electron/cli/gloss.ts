// The `gloss` command's entry point. `npm run build` (and `npm install`, through
// `prepare`) compiles it with esbuild to dist-node/gloss.mjs, the package's bin.
import module from 'node:module';

// V8's code cache on disk: later starts skip compiling the bundle (about half of
// a short command's time). Set before the rest of the CLI is imported.
module.enableCompileCache?.();
const { run } = await import('./main.ts');
await run(process.argv.slice(2));
