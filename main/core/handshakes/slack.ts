// Slack Events API: {"token", "challenge", "type": "url_verification"} → the challenge as plain text. Signed
// with X-Slack-Signature like every Slack request: the endpoint's check has run before this.
import { echoText, isObject, isString, type HandshakeModule } from './types';

export const slack: HandshakeModule = {
  id: 'slack',
  name: 'slack.url_verification',
  title: 'Slack URL verification',
  recognise({ method, json }) {
    if (method !== 'POST' || !isObject(json) || json.type !== 'url_verification') return null;
    if (!isString(json.challenge) || !isString(json.token)) return null;
    return echoText('challenge', json.challenge);
  },
};
