// Asana: a POST carrying X-Hook-Secret (and no events) → 200 with the same X-Hook-Secret response header.
// Later deliveries carry X-Hook-Signature instead.
import { overEchoLimit, emptyAnswer, isObject, type HandshakeModule } from './types';

export const asana: HandshakeModule = {
  id: 'asana',
  name: 'asana.handshake',
  title: 'Asana webhook handshake',
  recognise({ method, header, body, json }) {
    const secret = header('x-hook-secret');
    if (method !== 'POST' || !secret) return null;
    // The handshake has no events: an empty body, or {"events": []}.
    const empty = body.length === 0 || (isObject(json) && Array.isArray(json.events) && json.events.length === 0);
    if (!empty) return null;
    const tooLong = overEchoLimit('X-Hook-Secret', secret);
    if (tooLong) return tooLong;
    return { outcome: 'answered', answer: emptyAnswer([['X-Hook-Secret', secret], ['Content-Length', '0']]) };
  },
};
