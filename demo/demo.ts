/**
 * `npm run demo`: a local S3 server (fauxqs) on 127.0.0.1 seeded with sample buckets, and S3 Desk opened
 * connected to it. Without an Electron binary (e.g. CI-like machines) it serves S3 until Ctrl+C.
 *
 * Environment: S3DESK_DEMO_PORT (default 4599; a busy port falls back to a free one),
 * S3DESK_DEMO_NO_APP=1 to start only the server.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_CONNECTION_ENV } from '../main/demo-connection';
import type { ConnectionInput } from '../shared/ipc';
import { startS3Server, type TestS3Server } from '../testkit/s3-server';
import { DEMO_BIG_COUNT, DEMO_BIG_FOLDER, DEMO_BUCKETS, seedDemo } from './seed';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DEFAULT_PORT = 4599;
/** fauxqs does not check signatures; these only have to look like credentials. */
export const DEMO_CREDENTIALS = { accessKeyId: 'S3DESKDEMOKEY', secretAccessKey: 's3desk-demo-secret' } as const;

async function startServer(port: number): Promise<TestS3Server> {
  try {
    return await startS3Server({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`port ${port} is busy; using a free port instead`);
    return startS3Server({ port: 0 });
  }
}

/** The Electron binary, or null where it was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Build with electron-vite unless out/ is newer than every source file. */
function buildIfNeeded(): void {
  const entry = join(ROOT, 'out/main/index.js');
  const sources = Math.max(...['main', 'shared', 'renderer'].map((d) => newestMtime(join(ROOT, d))));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return;
  console.log('building the app (electron-vite build) …');
  const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('electron-vite build failed');
}

async function main(): Promise<void> {
  const port = Number(process.env['S3DESK_DEMO_PORT'] ?? DEFAULT_PORT);
  const server = await startServer(Number.isInteger(port) && port >= 0 ? port : DEFAULT_PORT);
  seedDemo(server);
  const connection: ConnectionInput = {
    name: 'Demo (local S3)',
    endpoint: server.url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: DEMO_CREDENTIALS,
  };
  console.log(
    [
      `S3 Desk demo: S3 server on ${server.url}`,
      `  buckets:    ${Object.values(DEMO_BUCKETS).join(', ')} (${DEMO_BUCKETS.big}/${DEMO_BIG_FOLDER} holds ${DEMO_BIG_COUNT.toLocaleString('en-US')} objects)`,
      `  access key: ${DEMO_CREDENTIALS.accessKeyId}`,
      `  secret key: ${DEMO_CREDENTIALS.secretAccessKey}`,
      '  region:     us-east-1, path-style addressing',
    ].join('\n'),
  );

  const running: { app?: ChildProcess } = {};
  const stop = async (code: number) => {
    if (running.app && running.app.exitCode === null) running.app.kill();
    await server.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const electron = process.env['S3DESK_DEMO_NO_APP'] === '1' ? null : electronBinary();
  if (!electron) {
    console.log(
      process.env['S3DESK_DEMO_NO_APP'] === '1'
        ? 'S3DESK_DEMO_NO_APP=1: not opening the app.'
        : 'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD?), so the app cannot open; ' +
            'connect S3 Desk or any S3 client to the endpoint above.',
    );
    console.log('Serving until Ctrl+C.');
    return;
  }
  buildIfNeeded();
  console.log('opening S3 Desk …');
  const app = spawn(electron, [ROOT], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, [DEMO_CONNECTION_ENV]: JSON.stringify(connection) } });
  running.app = app;
  app.on('exit', (code) => void stop(code ?? 0));
}

await main();
