// X (Twitter) Account Activity CRC: GET ?crc_token=… → {"response_token": "sha256=<base64 HMAC-SHA256 of the
// crc_token under the app's consumer secret>"}. X checks again every hour.
import { overEchoLimit, hmacSha256, jsonAnswer, type HandshakeModule } from './types';

export const x: HandshakeModule = {
  id: 'x',
  name: 'x.crc',
  title: 'X challenge-response check (CRC)',
  recognise({ method, query, body, secrets }) {
    const token = query.get('crc_token');
    if (method !== 'GET' || body.length > 0 || token === null || token === '') return null;
    const tooLong = overEchoLimit('crc_token', token);
    if (tooLong) return tooLong;
    if (secrets.xConsumerSecret === null) {
      return { outcome: 'needs-secret', reason: 'X’s CRC check is answered with an HMAC under your app’s API Key Secret (consumer secret): paste it into this endpoint’s handshake settings, then trigger the CRC again.' };
    }
    return { outcome: 'answered', answer: jsonAnswer({ response_token: `sha256=${hmacSha256(secrets.xConsumerSecret, token).toString('base64')}` }) };
  },
};
