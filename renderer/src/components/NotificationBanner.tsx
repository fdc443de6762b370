// Asks for desktop notifications in a browser, once, on the user's click, saying what they get. A refusal is
// remembered by the browser and explained here (how to allow them again), never asked again in a loop; "Not
// now" is remembered by this page.
import { useState } from 'preact/hooks';
import { notificationPermission, requestNotificationPermission, type Permission } from '../browser-alerts';

const dismissedKey = 'hookbridge.notifications.dismissed';

function dismissed(): boolean {
  try {
    return localStorage.getItem(dismissedKey) !== null;
  } catch {
    return false; // storage blocked: the banner shows until the choice is made
  }
}

function remember(): void {
  try {
    localStorage.setItem(dismissedKey, new Date().toISOString());
  } catch {
    // storage blocked: forgotten at the next load
  }
}

export function NotificationBanner({ osNotifications }: { osNotifications: boolean }) {
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const [hidden, setHidden] = useState(dismissed);
  const close = (): void => {
    remember();
    setHidden(true);
  };
  // The operating system shows the alerts (serve --notify): nothing to ask; the status bar says so.
  if (osNotifications || hidden || permission === 'granted' || permission === 'unsupported') return null;

  if (permission === 'denied') {
    return (
      <div class="banner notice" role="status" data-permission="denied">
        <span>
          Desktop notifications are blocked for this page, so failures show only here. To allow them: click the site icon left of the address, set
          Notifications to Allow, and reload.
        </span>
        <button type="button" class="link" onClick={close}>
          OK
        </button>
      </div>
    );
  }
  return (
    <div class="banner notice" role="region" aria-label="Desktop notifications" data-permission="default">
      <span>Get a desktop notification when a provider reports a failure — phone numbers and codes masked, bursts summed up in one.</span>
      <button type="button" class="primary" onClick={() => void requestNotificationPermission().then(setPermission)}>
        Turn on notifications
      </button>
      <button type="button" class="link" onClick={close}>
        Not now
      </button>
    </div>
  );
}
