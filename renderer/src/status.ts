// Which engine status the page shows: answers to getStatus and status.changed messages race each other (two
// connections), and an older snapshot must never replace a newer one — the tunnel would read "off" again.
import type { Status } from './client/client';

export function newerStatus(current: Status | null, next: Status): Status {
  return current === null || next.sequence >= current.sequence ? next : current;
}
