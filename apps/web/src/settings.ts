// User preferences kept in this browser (nothing sensitive): canvas limits and layout.
import { useCallback, useState } from 'react';

export interface Preferences {
  /**
   * Most nodes the canvas shows at once; the rest waits behind "N more". Up to 50,000: a
   * scene from 2,000 nodes is drawn as a big scene (explorer/bigScene.ts).
   */
  maxNodes: number;
  /** A neighbour group larger than this becomes one cluster node. */
  fanoutThreshold: number;
  layout: 'tiered' | 'force';
}

/** The most the node limit may be set to (a big scene, drawn within 3 s: docs/benchmarks.md). */
export const MAX_NODES = 50_000;

export const DEFAULT_PREFERENCES: Preferences = { maxNodes: 500, fanoutThreshold: 30, layout: 'tiered' };
const KEY = 'smart-graph:preferences';

export function loadPreferences(): Preferences {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return sanitize({ ...DEFAULT_PREFERENCES, ...raw });
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

export function sanitize(p: Preferences): Preferences {
  const int = (v: unknown, lo: number, hi: number, d: number) =>
    typeof v === 'number' && Number.isFinite(v) ? Math.max(lo, Math.min(hi, Math.round(v))) : d;
  return {
    maxNodes: int(p.maxNodes, 20, MAX_NODES, DEFAULT_PREFERENCES.maxNodes),
    fanoutThreshold: int(p.fanoutThreshold, 5, 500, DEFAULT_PREFERENCES.fanoutThreshold),
    layout: p.layout === 'force' ? 'force' : 'tiered',
  };
}

export function usePreferences(): [Preferences, (patch: Partial<Preferences>) => void] {
  const [prefs, setPrefs] = useState(loadPreferences);
  const update = useCallback((patch: Partial<Preferences>) => {
    setPrefs((p) => {
      const next = sanitize({ ...p, ...patch });
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Private mode: preferences last for this page only.
      }
      return next;
    });
  }, []);
  return [prefs, update];
}

// The outage of the last simulation run, so the next one ("Simulate failure", a new
// form) starts from it.
const OUTAGE_KEY = 'smart-graph:last-outage-hours';
export const DEFAULT_OUTAGE_HOURS = 24;

/** A stored outage: a positive number of hours, null for indefinite, else the default. */
export function parseOutageSetting(raw: string | null): number | null {
  if (raw === 'indefinite') return null;
  const n = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_OUTAGE_HOURS;
}

export function lastOutageHours(): number | null {
  try {
    return parseOutageSetting(localStorage.getItem(OUTAGE_KEY));
  } catch {
    return DEFAULT_OUTAGE_HOURS;
  }
}

export function rememberOutageHours(hours: number | null): void {
  try {
    localStorage.setItem(OUTAGE_KEY, hours === null ? 'indefinite' : String(hours));
  } catch {
    // Private mode: remembered for this page only (not at all).
  }
}
