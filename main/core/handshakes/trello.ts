// Trello: a HEAD to the callback URL when the webhook is created → 200.
import { emptyAnswer, type HandshakeModule } from './types';

export const trello: HandshakeModule = {
  id: 'trello',
  name: 'trello.head',
  title: 'Trello callback check (HEAD)',
  recognise({ method }) {
    if (method !== 'HEAD') return null;
    return { outcome: 'answered', answer: emptyAnswer([['Content-Length', '0']]) };
  },
};
