// Dropbox: GET ?challenge=… (and nothing else) → the challenge, text/plain, X-Content-Type-Options: nosniff.
import { echoText, queryNames, type HandshakeModule } from './types';

export const dropbox: HandshakeModule = {
  id: 'dropbox',
  name: 'dropbox.verification',
  title: 'Dropbox webhook verification',
  recognise({ method, query, body }) {
    if (method !== 'GET' || body.length > 0) return null;
    const names = queryNames(query);
    const challenge = query.get('challenge');
    if (names.size !== 1 || challenge === null || challenge === '') return null;
    return echoText('challenge', challenge);
  },
};
