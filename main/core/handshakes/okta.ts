// Okta event hooks: GET with X-Okta-Verification-Challenge → {"verification": <the challenge>}.
import { echoJson, type HandshakeModule } from './types';

export const okta: HandshakeModule = {
  id: 'okta',
  name: 'okta.verification',
  title: 'Okta event hook verification',
  recognise({ method, header }) {
    const challenge = header('x-okta-verification-challenge');
    if (method !== 'GET' || !challenge) return null;
    return echoJson('X-Okta-Verification-Challenge', challenge, { verification: challenge });
  },
};
