// Settings: retention, body size limit, theme, explanation language. (Being built.)
import type { Client, Settings } from '../client';

export interface SettingsPageProps {
  client: Client;
  /** Called after every saved change, so the app can apply it (e.g. the theme) at once. */
  onSaved(settings: Settings): void;
}

export function SettingsPage(_props: SettingsPageProps) {
  return <section class="page" aria-label="Settings" />;
}
