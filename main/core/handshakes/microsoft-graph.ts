// Microsoft Graph change notifications (Teams, Outlook, OneDrive; also lifecycleNotificationUrl):
// POST ?validationToken=… with no body → 200 text/plain with the token, URL-decoded, exactly. SharePoint sends
// it as ?validationtoken=….
import { echoText, type HandshakeModule } from './types';

export const microsoftGraph: HandshakeModule = {
  id: 'microsoft-graph',
  name: 'microsoft-graph.validation',
  title: 'Microsoft Graph subscription validation',
  recognise({ method, query, body }) {
    if (method !== 'POST' || body.length > 0) return null;
    const token = query.get('validationToken') ?? query.get('validationtoken');
    if (token === null || token === '') return null;
    return echoText('validationToken', token);
  },
};
