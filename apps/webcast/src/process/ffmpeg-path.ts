// Finds the ffmpeg binary: FFMPEG_PATH, then ffmpeg-static, then @ffmpeg-installer/ffmpeg, then ffmpeg on PATH — except
// that an ffmpeg 5.1 or later on PATH goes before @ffmpeg-installer's 2018 build: only a 5.1 or later keeps the
// webcast on the wall clock when frames must be dropped (see `wallClock` in pipeline/ffmpeg-args.ts, issue #16).
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH. */
export function onPath(name: string, path = process.env['PATH'] ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const p = join(dir, name);
    if (executable(p)) return p;
  }
  return null;
}

async function fromPackage(name: string, pick: (mod: unknown) => unknown): Promise<string | null> {
  try {
    // A variable specifier: the package is optional and may not be installed.
    const specifier = name;
    const mod: unknown = await import(specifier);
    const p = pick(mod);
    return typeof p === 'string' && executable(p) ? p : null;
  } catch {
    return null; // not installed: try the next way
  }
}

const field = (obj: unknown, key: string): unknown =>
  typeof obj === 'object' && obj !== null ? Reflect.get(obj, key) : undefined;

/** Resolution order as DEVELOPERS.md states it; null when no ffmpeg is found. */
export async function resolveFfmpeg(explicit?: string): Promise<string | null> {
  if (explicit !== undefined && explicit !== '') return executable(explicit) ? explicit : null;
  const staticPath = await fromPackage('ffmpeg-static', (m) => field(m, 'default'));
  if (staticPath !== null) return staticPath;
  const system = onPath('ffmpeg');
  if (system !== null && atLeast(await ffmpegVersion(system), 5, 1)) return system;
  const installer = await fromPackage(
    '@ffmpeg-installer/ffmpeg',
    (m) => field(field(m, 'default'), 'path') ?? field(m, 'path'),
  );
  if (installer !== null) return installer;
  return system;
}

/** True when a version string from `ffmpegVersion` is a release at least major.minor (a git snapshot is not). */
export function atLeast(version: string | null, major: number, minor: number): boolean {
  const m = /^n?(\d+)\.(\d+)/.exec(version ?? '');
  if (m === null) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/** "4.1", "5.1.9", … from `ffmpeg -version`, or null. */
export async function ffmpegVersion(bin: string): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn(bin, ['-hide_banner', '-version'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', () => resolve(null));
    child.on('close', () => resolve(/ffmpeg version (\S+)/.exec(out)?.[1] ?? null));
  });
}
