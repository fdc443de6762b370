// Smartsheet: Smartsheet-Hook-Challenge → 200 with Smartsheet-Hook-Response set to that value (and the JSON
// body {"smartsheetHookResponse": …}, which Smartsheet also accepts). It re-verifies every 100 callbacks the same way.
import { echoJson, type HandshakeModule } from './types';

export const smartsheet: HandshakeModule = {
  id: 'smartsheet',
  name: 'smartsheet.verification',
  title: 'Smartsheet webhook verification',
  recognise({ method, header }) {
    const challenge = header('smartsheet-hook-challenge');
    if (method !== 'POST' || !challenge) return null;
    return echoJson('Smartsheet-Hook-Challenge', challenge, { smartsheetHookResponse: challenge }, [['Smartsheet-Hook-Response', challenge]]);
  },
};
