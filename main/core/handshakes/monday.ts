// monday.com: a body that is exactly {"challenge": …} → the same JSON back.
import { echoJson, isObject, isString, type HandshakeModule } from './types';

export const monday: HandshakeModule = {
  id: 'monday',
  name: 'monday.challenge',
  title: 'monday.com URL verification',
  recognise({ method, json }) {
    if (method !== 'POST' || !isObject(json)) return null;
    const keys = Object.keys(json);
    if (keys.length !== 1 || keys[0] !== 'challenge' || !isString(json.challenge)) return null;
    return echoJson('challenge', json.challenge, { challenge: json.challenge });
  },
};
