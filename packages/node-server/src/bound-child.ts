// Child processes that end with this process however it ends: Ctrl-C, SIGTERM, or killed outright (SIGKILL, the OOM
// killer). Linux leaves a dead parent's children running, so each is started through util-linux `setpriv
// --pdeathsig`, which has the kernel send the child SIGKILL the moment its parent dies (setpriv then execs the program
// itself: the pid is the program's). A clean stop still ends them gently first (Supervisor.stop: SIGTERM, then KILL).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first executable called `name` on PATH (or the explicit path when it is executable). */
export function findExecutable(name: string, explicit?: string): string | null {
  const candidates = explicit
    ? [explicit]
    : (process.env['PATH'] ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here; next
    }
  }
  return null;
}

const setpriv = process.platform === 'linux' ? findExecutable('setpriv') : null;

/** Whether children started by spawnBound end when this process is killed outright (false: no `setpriv`). */
export const childrenDieWithParent = setpriv !== null;

/**
 * spawn(), but the child is killed by the kernel when this process dies, however it dies. It runs in a process group
 * of its own, so a Ctrl-C at the terminal reaches only this process, which then stops its children in order.
 */
export function spawnBound(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  const o: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options };
  return setpriv
    ? spawn(setpriv, ['--pdeathsig', 'SIGKILL', '--', command, ...args], o)
    : spawn(command, [...args], o);
}
