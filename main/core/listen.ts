// Binds a server to 127.0.0.1 and turns "port in use" into a sentence that names the flag to change it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookbridgeError } from './errors';

export function listenOnLoopback(server: Server, port: number, what: string, flag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new HookbridgeError('PORT_IN_USE', `Port ${port} is in use, so ${what} cannot start. Choose another with ${flag} N (0 picks a free one).`, {
            port,
            flag,
          }),
        );
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
