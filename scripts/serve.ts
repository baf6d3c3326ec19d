/**
 * A tiny static file server for the repository, for the playground and the browser specs. It
 * sends the two headers that make a page cross-origin isolated (so SharedArrayBuffer, and with
 * it the browser worker pool, is available):
 *
 *   Cross-Origin-Opener-Policy: same-origin
 *   Cross-Origin-Embedder-Policy: require-corp
 *
 *   npm run playground                 build, then serve on http://127.0.0.1:8080/docs/playground/
 *   npx tsx scripts/serve.ts --port 9000 --no-isolation   (to see the one-thread fallback)
 *
 * Serves files under the repository root only, GET and HEAD only, no directory listings.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.map': 'application/json', '.md': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

export interface StaticServer { url: string; port: number; close: () => Promise<void> }

/** Serves `root` on 127.0.0.1:`port` (0 = any free port), with COOP/COEP unless `isolate` is false. */
export function startServer(options: { root: string; port?: number; isolate?: boolean }): Promise<StaticServer> {
  const root = resolve(options.root);
  const isolate = options.isolate ?? true;
  const server: Server = createServer((req, res) => {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'Cross-Origin-Resource-Policy': 'same-origin' };
    if (isolate) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end('method not allowed\n');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, headers).end('bad path\n');
      return;
    }
    let file = resolve(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403, headers).end('outside the served folder\n');
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': String(size) });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, headers).end('not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () => new Promise<void>((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('npx tsx scripts/serve.ts [--port N] [--no-isolation]   (serves the repository; the playground is at /docs/playground/)');
    process.exit(0);
  }
  const pi = args.indexOf('--port');
  const port = pi >= 0 ? Number(args[pi + 1]) : 8080;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const s = await startServer({ root, port, isolate: !args.includes('--no-isolation') });
  console.log(`serving ${root}${args.includes('--no-isolation') ? ' (not cross-origin isolated)' : ' with COOP/COEP (cross-origin isolated)'}`);
  console.log(`playground: ${s.url}/docs/playground/   (Ctrl-C to stop)`);
}
