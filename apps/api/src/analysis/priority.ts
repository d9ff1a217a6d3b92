// Analyses run below the request loop's CPU priority: on a machine whose cores the
// analysis workers fill (a ranking of every kind, several hub impacts), the request
// loop — /healthz, search, paging, GraphQL — still gets a core the moment it needs one,
// and the analyses lose nothing when the cores are free. Linux gives each thread its own
// nice value (setpriority on the thread's id; setpriority(2) "BUGS"), so the worker
// lowers only itself. Raising the nice value needs no privilege.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The kernel's id of the calling thread (Linux: /proc/thread-self → "<pid>/task/<tid>"), or null. */
export function threadId(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/**
 * Sets the calling thread's nice value (0 leaves it; 1–19 lower its priority).
 * Returns whether it was set: false where threads have no nice value of their own.
 */
export function lowerThisThread(nice: number): boolean {
  if (!(nice > 0)) return false;
  const tid = threadId();
  if (tid === null) return false;
  try {
    setPriority(tid, Math.min(19, Math.floor(nice)));
    return true;
  } catch {
    return false;
  }
}
