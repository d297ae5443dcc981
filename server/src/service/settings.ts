// The settings the service reads. `package.json` declares the same keys under
// contributes.configuration (a test keeps the two in step).
import type { SeveritySetting } from './rules';

export interface Settings {
  /** Per-rule severity by code; rules not named keep their default. */
  severity: Record<string, SeveritySetting>;
  /** Past this many characters only the head of a file is read, and only its syntax is checked. */
  maxFileSize: number;
  /** Milliseconds to wait after typing before diagnostics are recomputed. */
  debounceMs: number;
}

export const defaultSettings: Settings = {
  severity: {},
  maxFileSize: 2 * 1024 * 1024,
  debounceMs: 150,
};

/** Keys under the `postfixSasl` section, as VS Code sees them, with their defaults. */
export const settingKeys = {
  'postfixSasl.diagnostics.severity': defaultSettings.severity,
  'postfixSasl.maxFileSize': defaultSettings.maxFileSize,
  'postfixSasl.debounceMs': defaultSettings.debounceMs,
} as const;

/** Accepts what a client sent under `postfixSasl`; anything malformed falls back to the default. */
export function readSettings(raw: unknown): Settings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const diagnostics = (section.diagnostics && typeof section.diagnostics === 'object' ? section.diagnostics : {}) as Record<string, unknown>;
  const severity: Record<string, SeveritySetting> = {};
  if (diagnostics.severity && typeof diagnostics.severity === 'object') {
    for (const [code, value] of Object.entries(diagnostics.severity as Record<string, unknown>)) {
      if (value === 'error' || value === 'warning' || value === 'information' || value === 'hint' || value === 'off') severity[code] = value;
    }
  }
  const number = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  return {
    severity,
    maxFileSize: number(section.maxFileSize, defaultSettings.maxFileSize),
    debounceMs: number(section.debounceMs, defaultSettings.debounceMs),
  };
}
