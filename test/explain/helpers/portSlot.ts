// A block of ports for one run of a daemon test, so that two runs at once (two worktrees, a CI run
// beside a developer's) do not bind the same ports. A run takes the first free slot by creating its
// lock folder (atomic); a slot whose owner died is taken over. An explicit base is used as given.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export interface PortSlot {
  base: number;
  release(): void;
}

export function takePortSlot(name: string, explicit: string | undefined, first: number, width: number, slots: number): PortSlot {
  if (explicit) return { base: Number(explicit), release: () => {} };
  for (let i = 0; i < slots; i++) {
    const base = first + i * width;
    const lock = join(tmpdir(), `postfix-sasl-${name}-ports-${base}`);
    const owner = join(lock, 'owner.pid');
    try {
      mkdirSync(lock);
    } catch {
      const pid = Number(readFileSync(owner, { encoding: 'utf8', flag: 'a+' }));
      if (pid && alive(pid)) continue;
      // Its owner is gone (or died before writing its pid): the slot is free again.
    }
    writeFileSync(owner, String(process.pid));
    return { base, release: () => rmSync(lock, { recursive: true, force: true }) };
  }
  throw new Error(`all ${slots} port slots from ${first} are held by other runs of ${name}; set the base by hand`);
}
