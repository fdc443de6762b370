// What the peers' launchers share: a free loopback port, setting up a stub through an admin API that is still
// starting, and the stats URL the bench asks how many requests a peer kept.
import http from 'node:http';
import net from 'node:net';

export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** POSTs `body` to `url` until it is answered 201 (the server may still be starting), for up to `attempts` × 50 ms. */
export async function createWhenUp(url, body, attempts) {
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status === 201) return;
      throw new Error(`${url} answered ${res.status}`);
    } catch (error) {
      if (i > attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Serves {"kept": n} on a loopback port; resolves with its URL. */
export async function statsServer(kept) {
  const stats = http.createServer(async (_req, res) => res.end(JSON.stringify({ kept: await kept() })));
  await new Promise((resolve) => stats.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${stats.address().port}/`;
}
