// The registration handshakes, one module per provider, and the one function the ingress calls. Which modules
// are tried is the endpoint's setting: every documented one (Meta's answer for the hub.* query), only one
// provider's, or none.
import { handshakeProviders, type Description, type HandshakeHit, type HandshakeId, type HandshakeSettings } from '../model';
import { asana } from './asana';
import { cloudEvents } from './cloudevents';
import { dropbox } from './dropbox';
import { eventGrid } from './event-grid';
import { meta } from './meta';
import { microsoftGraph } from './microsoft-graph';
import { monday } from './monday';
import { okta } from './okta';
import { slack } from './slack';
import { smartsheet } from './smartsheet';
import { sns } from './sns';
import { strava } from './strava';
import { trello } from './trello';
import { twitch } from './twitch';
import type { HandshakeModule, HandshakeRequest, HandshakeResult } from './types';
import { x } from './x';
import { zoom } from './zoom';

export type { HandshakeAnswer, HandshakeRequest, HandshakeResult } from './types';

export const handshakeModules: Readonly<Record<HandshakeId, HandshakeModule>> = {
  slack,
  'microsoft-graph': microsoftGraph,
  'event-grid': eventGrid,
  cloudevents: cloudEvents,
  meta,
  strava,
  dropbox,
  okta,
  asana,
  trello,
  twitch,
  monday,
  smartsheet,
  zoom,
  x,
  sns,
};

/** Tried in "every documented handshake" mode: all but Strava, whose query is Meta's (Meta's answer is the default). */
const documented = Object.values(handshakeModules).filter((module) => module.id !== 'strava');

export interface Recognised {
  module: HandshakeModule;
  result: HandshakeResult;
}

/** The handshake this request is under the endpoint's setting, or null for a webhook. */
export function recogniseHandshake(settings: HandshakeSettings, request: HandshakeRequest): Recognised | null {
  if (settings.mode === 'off') return null;
  const candidates = settings.mode === 'provider' && settings.provider ? [handshakeModules[settings.provider]] : documented;
  for (const module of candidates) {
    const result = module.recognise(request);
    if (result) return { module, result };
  }
  return null;
}

/** What is stored with the event: which handshake, what came of it, and what the person should know. */
export function handshakeHit({ module, result }: Recognised): HandshakeHit {
  const note = result.outcome === 'refused' || result.outcome === 'needs-secret' ? result.reason : (result.note ?? null);
  return { id: module.id, outcome: result.outcome, note };
}

const outcomeSentence: Record<HandshakeHit['outcome'], string> = {
  answered: 'answered as documented',
  refused: 'refused',
  'needs-secret': 'not answered: a secret is missing',
  'echo-too-long': 'answered as a webhook: the value to echo is too long',
  'awaiting-confirmation': 'awaiting your confirmation',
  confirmed: 'confirmed',
};

/** The feed's description of a handshake: its own name, never a failure of the provider's (from the stored hit alone, so re-describing keeps it). */
export function describeHandshake(hit: HandshakeHit): Description {
  const module = handshakeModules[hit.id];
  const needsYou = hit.outcome === 'refused' || hit.outcome === 'needs-secret';
  return {
    provider: 'generic',
    name: module.name,
    title: module.title,
    severity: needsYou ? 'error' : 'info',
    summary: `${handshakeProviders[hit.id]} handshake ${outcomeSentence[hit.outcome]}${hit.note ? ` · ${hit.note}` : ''}`,
    correlationKeys: [],
    issues: [],
    explanation: null,
    attempt: null,
    deliveryKey: null,
    retryGroup: null,
  };
}
