// Bundles the UI into web/dist (index.html, app.js, app.css) with esbuild:
// one self-contained script, no external requests at run time.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, 'dist');
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'src/app.js')],
  bundle: true, format: 'esm', target: 'es2020', minify: true, sourcemap: false,
  outfile: join(out, 'app.js'), logLevel: 'warning', legalComments: 'none',
});
copyFileSync(join(here, 'src/app.css'), join(out, 'app.css'));
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
