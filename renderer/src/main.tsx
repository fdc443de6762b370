// Entry of the renderer: connect to the engine (IPC in the app, HTTP+SSE in a browser), then render.
import { render } from 'preact';
import { App } from './app';
import { connect } from './client';

const root = document.getElementById('app');
if (root) {
  connect()
    .then((client) => render(<App client={client} />, root))
    .catch((error: unknown) => {
      const message = document.createElement('p');
      message.className = 'banner problem';
      message.textContent = error instanceof Error ? error.message : String(error);
      root.replaceChildren(message);
    });
}
