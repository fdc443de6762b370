// Settings table: one JSON document, validated on the way in and out; unknown or broken values fall back to defaults.
import type { Database, Statement } from 'better-sqlite3';
import { defaultSettings, Settings, type SettingsPatch } from '../model';

export { SettingsPatch } from '../model';



export class SettingsRepository {
  private readonly read: Statement<[], { value: string }>;
  private readonly write: Statement<[string]>;

  constructor(db: Database) {
    this.read = db.prepare("SELECT value FROM settings WHERE key = 'settings'");
    this.write = db.prepare("INSERT INTO settings (key, value) VALUES ('settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  }

  get(): Settings {
    const row = this.read.get();
    if (!row) return defaultSettings;
    const parsed = Settings.safeParse(merge(defaultSettings, JSON.parse(row.value) as SettingsPatch));
    return parsed.success ? parsed.data : defaultSettings;
  }

  update(patch: SettingsPatch): Settings {
    const next = Settings.parse(merge(this.get(), patch));
    this.write.run(JSON.stringify(next));
    return next;
  }
}

function merge(base: Settings, patch: SettingsPatch): Settings {
  return {
    ...base,
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.defaultCountryCode !== undefined ? { defaultCountryCode: patch.defaultCountryCode } : {}),
    ...(patch.theme !== undefined ? { theme: patch.theme } : {}),
    ...(patch.bodyLimitBytes !== undefined ? { bodyLimitBytes: patch.bodyLimitBytes } : {}),
    ...(patch.publicBaseUrl !== undefined ? { publicBaseUrl: patch.publicBaseUrl } : {}),
    ...(patch.ngrokDomain !== undefined ? { ngrokDomain: patch.ngrokDomain } : {}),
    retention: { ...base.retention, ...patch.retention },
  };
}
