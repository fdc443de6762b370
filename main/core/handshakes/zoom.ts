// Zoom: {"event": "endpoint.url_validation", "payload": {"plainToken"}} → {plainToken, encryptedToken} where
// encryptedToken is the hex HMAC-SHA256 of plainToken under the app's secret token. Zoom validates again every 72 h.
import { overEchoLimit, hmacSha256, isObject, isString, jsonAnswer, type HandshakeModule } from './types';

export const zoom: HandshakeModule = {
  id: 'zoom',
  name: 'zoom.endpoint.url_validation',
  title: 'Zoom URL validation',
  recognise({ method, json, secrets }) {
    if (method !== 'POST' || !isObject(json) || json.event !== 'endpoint.url_validation' || !isObject(json.payload)) return null;
    const plainToken = json.payload.plainToken;
    if (!isString(plainToken)) return null;
    const tooLong = overEchoLimit('plainToken', plainToken);
    if (tooLong) return tooLong;
    if (secrets.zoomSecretToken === null) {
      return { outcome: 'needs-secret', reason: 'Zoom’s URL validation is answered with an HMAC under your app’s Secret Token: paste it into this endpoint’s handshake settings (Zoom app → Features → Access → Secret Token), then validate again.' };
    }
    const encryptedToken = hmacSha256(secrets.zoomSecretToken, plainToken).toString('hex');
    return { outcome: 'answered', answer: jsonAnswer({ plainToken, encryptedToken }) };
  },
};
