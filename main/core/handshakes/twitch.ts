// Twitch EventSub: Twitch-Eventsub-Message-Type: webhook_callback_verification with {"challenge", "subscription"}
// → the challenge as plain text.
import { echoText, isObject, isString, type HandshakeModule } from './types';

export const twitch: HandshakeModule = {
  id: 'twitch',
  name: 'twitch.webhook_callback_verification',
  title: 'Twitch EventSub callback verification',
  recognise({ method, header, json }) {
    if (method !== 'POST' || header('twitch-eventsub-message-type')?.toLowerCase() !== 'webhook_callback_verification') return null;
    if (!isObject(json) || !isString(json.challenge) || !isObject(json.subscription)) return null;
    return echoText('challenge', json.challenge);
  },
};
