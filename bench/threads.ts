/**
 * Where the cores went, thread by thread (Linux only: /proc/PID/task/TID/schedstat, the kernel's count of
 * each thread's time on a core and time ready but waiting for one). The benches' diagnostic modes read
 * it beside a figure: a slow moment of a thread that ran tells of work to cut, one of a thread that
 * waited tells of the machine's cores taken by others, and the others' time says by whom.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

export interface ThreadClocks {
  /** One per thread, in the order of read()'s pairs: see threadClocks. */
  labels: string[];
  /** Each thread's [ms on a core, ms waiting for one], flattened. */
  read(): number[];
  close(): void;
}

/** A process's threads' ids, or none if it is gone. */
function tasks(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/**
 * A /proc stat file's name (between the parentheses: it may hold spaces) and the fields after it,
 * numbered from 0 for the state (so the parent's pid is 1, utime 11, stime 12, nice 16).
 */
function readStat(path: string): { name: string; fields: string[] } {
  const stat = readFileSync(path, 'utf8');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields: stat.slice(stat.lastIndexOf(')') + 2).split(' ') };
}

/** The label of a thread: the process's own thread is "main", the others go by name; nice shown if not 0. */
function threadLabel(pid: number, tid: string): string {
  const { name, fields } = readStat(`/proc/${pid}/task/${tid}/stat`);
  const label = tid === String(pid) ? 'main' : name;
  return fields[16] === '0' ? label : `${label} nice ${fields[16]}`;
}

/** CPU seconds of each of this process's threads by id (empty where there is no /proc). */
export function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of tasks(process.pid)) {
    try {
      const { fields } = readStat(`/proc/self/task/${tid}/stat`);
      out.set(tid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}

/**
 * The clocks of every thread alive now in the given processes, each label prefixed by its process's
 * (e.g. "renderer main"; an empty prefix for this process in the cache bench, so its own is "main").
 * Null where there is no schedstat.
 */
export function threadClocks(processes: Array<{ pid: number; prefix: string }> = [{ pid: process.pid, prefix: '' }]): ThreadClocks | null {
  const labels: string[] = [];
  const fds: number[] = [];
  for (const { pid, prefix } of processes) {
    for (const tid of tasks(pid)) {
      try {
        const label = prefix + threadLabel(pid, tid);
        fds.push(openSync(`/proc/${pid}/task/${tid}/schedstat`, 'r'));
        labels.push(label);
      } catch {
        // The thread ended meanwhile, or the kernel keeps no schedstat.
      }
    }
  }
  if (fds.length === 0) return null;
  const buf = Buffer.alloc(96);
  // Each thread's last reading: one that ended did nothing since, so it keeps that (not 0, which would
  // count its whole life as negative time between two readings).
  const last = fds.map(() => [0, 0]);
  return {
    labels,
    read: () =>
      fds.flatMap((fd, i) => {
        try {
          // procfs files are generated afresh by a read at offset 0.
          const [ran, waited] = buf.toString('latin1', 0, readSync(fd, buf, 0, buf.length, 0)).split(' ');
          last[i] = [Number(ran) / 1e6, Number(waited) / 1e6];
        } catch {
          // The thread ended.
        }
        return last[i]!;
      }),
    close: () => fds.forEach((fd) => closeSync(fd)),
  };
}

/**
 * Between two readings: the `focus` threads' ms on a core and ms waiting for one (summed, e.g. every
 * renderer's main thread), and the others' ms on a core summed by label, busiest first, as text:
 * "node nice 10 22.0, node ×6 19.7".
 */
export function whatRan(labels: string[], before: number[], after: number[], focus = 'main'): [number, number, string] {
  const ran = new Map<string, [number, number]>();
  let [focusRan, focusWaited] = [0, 0];
  labels.forEach((label, i) => {
    const on = after[2 * i]! - before[2 * i]!;
    if (label === focus) {
      focusRan += on;
      focusWaited += after[2 * i + 1]! - before[2 * i + 1]!;
    } else {
      const [ms, n] = ran.get(label) ?? [0, 0];
      ran.set(label, [ms + on, n + 1]);
    }
  });
  const others = [...ran].filter(([, [ms]]) => ms >= 0.5).sort((a, b) => b[1][0] - a[1][0]);
  return [tenth(focusRan), tenth(focusWaited), others.map(([label, [ms, n]]) => `${label}${n > 1 ? ` ×${n}` : ''} ${tenth(ms)}`).join(', ')];
}

const tenth = (n: number) => Math.round(n * 10) / 10;

/** The pids of this process's descendants (the browser and its helpers, an emulator). */
export function descendants(root = process.pid): number[] {
  const parent = new Map<number, number>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return []; // No /proc: nothing to watch.
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parent.set(Number(entry), Number(readStat(`/proc/${entry}/stat`).fields[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const [child, ppid] of parent) {
      if (ppid === pid) {
        out.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return out;
}

/** What a process is, for a label: Chromium's --type (renderer, gpu-process, utility), else its name. */
export function processKind(pid: number): string {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
    if (type) return type;
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}
