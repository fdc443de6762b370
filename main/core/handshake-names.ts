// The registration handshakes' ids and who sends each: plain data without zod, so the page can import it too.

export const handshakeIds = [
  'slack',
  'microsoft-graph',
  'event-grid',
  'cloudevents',
  'meta',
  'strava',
  'dropbox',
  'okta',
  'asana',
  'trello',
  'twitch',
  'monday',
  'smartsheet',
  'zoom',
  'x',
  'sns',
] as const;

/** Who sends each handshake, as the settings and the feed name them. */
export const handshakeProviders: Readonly<Record<(typeof handshakeIds)[number], string>> = {
  slack: 'Slack Events API',
  'microsoft-graph': 'Microsoft Graph / SharePoint',
  'event-grid': 'Azure Event Grid',
  cloudevents: 'CloudEvents (webhook abuse protection)',
  meta: 'Meta (Facebook, WhatsApp, Instagram, Messenger)',
  strava: 'Strava',
  dropbox: 'Dropbox',
  okta: 'Okta event hooks',
  asana: 'Asana',
  trello: 'Trello',
  twitch: 'Twitch EventSub',
  monday: 'monday.com',
  smartsheet: 'Smartsheet',
  zoom: 'Zoom',
  x: 'X (Twitter) Account Activity',
  sns: 'AWS SNS',
};
