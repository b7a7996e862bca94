// A tier whose external program is missing skips loudly locally and fails under CI=true.
import { accessSync, constants } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const inCi = process.env.CI === 'true';

/** Resolve a program on PATH (or an explicit path); null when absent. */
export function findProgram(name: string, candidates: readonly string[] = []): string | null {
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one; try the next candidate
    }
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/**
 * Returns whether the tier can run. When it cannot: under CI throws (the run fails), locally
 * prints a loud warning so the caller can `describe.runIf(...)`.
 */
export function requireProgram(what: string, available: boolean, hint: string): boolean {
  if (available) return true;
  const message = `\n!!! ${what} is missing: these tests are NOT running. ${hint}\n`;
  if (inCi) throw new Error(message);
  console.warn('\x1b[33m' + '!'.repeat(78) + message + '!'.repeat(78) + '\x1b[0m');
  return false;
}

export function chromiumPath(): string | null {
  return findProgram(
    'chromium',
    [process.env.CHROMIUM_PATH ?? '', '/usr/bin/chromium'].filter(Boolean),
  );
}

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];
