// Strava: the same hub.* query as Meta, answered as JSON {"hub.challenge": …}. Chosen by the endpoint's
// handshake setting (answer only Strava's): in "every documented handshake" mode, Meta's answer is given.
import { echoJson, type HandshakeModule } from './types';
import { checkVerifyToken, hubQuery } from './verify-token';

export const strava: HandshakeModule = {
  id: 'strava',
  name: 'strava.subscribe',
  title: 'Strava subscription validation',
  recognise(request) {
    const hub = hubQuery(request);
    if (!hub) return null;
    return checkVerifyToken(request, () => echoJson('hub.challenge', hub.challenge, { 'hub.challenge': hub.challenge }));
  },
};
