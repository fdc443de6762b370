// CloudEvents webhook abuse protection (also Event Grid with the CloudEvents schema): OPTIONS with
// WebHook-Request-Origin → 200 with WebHook-Allowed-Origin (the origin asked for), WebHook-Allowed-Rate (the
// rate asked for, else "*") and Allow: POST.
import { overEchoLimit, emptyAnswer, type HandshakeModule } from './types';

export const cloudEvents: HandshakeModule = {
  id: 'cloudevents',
  name: 'cloudevents.validation',
  title: 'CloudEvents delivery validation',
  recognise({ method, header }) {
    const origin = header('webhook-request-origin');
    if (method !== 'OPTIONS' || !origin) return null;
    const tooLong = overEchoLimit('WebHook-Request-Origin', origin);
    if (tooLong) return tooLong;
    const rate = header('webhook-request-rate');
    const allowedRate = rate && /^[1-9]\d{0,8}$/.test(rate) ? rate : '*';
    return {
      outcome: 'answered',
      answer: emptyAnswer([
        ['Allow', 'POST, OPTIONS'],
        ['WebHook-Allowed-Origin', origin],
        ['WebHook-Allowed-Rate', allowedRate],
        ['Content-Length', '0'],
      ]),
    };
  },
};
