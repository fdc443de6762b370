// The window's colours: data-theme on the page, from the theme setting or (for "system") the OS, kept live.
import { useEffect, useState } from 'preact/hooks';
import type { Client, Settings } from './client';

type Theme = Settings['theme'];

/** Applies the saved theme; returns the setter a settings save calls with the new one. */
export function useTheme(client: Client): (theme: Theme) => void {
  const [theme, setTheme] = useState<Theme>('system');

  useEffect(() => {
    void client.api.getSettings().then((settings) => setTheme(settings.theme), () => undefined);
  }, [client]);

  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);

  return setTheme;
}
