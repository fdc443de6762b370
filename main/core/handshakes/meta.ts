// Meta webhooks (Facebook, WhatsApp, Instagram, Messenger): GET ?hub.mode=subscribe&hub.challenge=…&
// hub.verify_token=… → the challenge as plain text.
import { echoText, type HandshakeModule } from './types';
import { checkVerifyToken, hubQuery } from './verify-token';

export const meta: HandshakeModule = {
  id: 'meta',
  name: 'meta.subscribe',
  title: 'Meta webhook verification',
  recognise(request) {
    const hub = hubQuery(request);
    if (!hub) return null;
    return checkVerifyToken(request, () => echoText('hub.challenge', hub.challenge));
  },
};
