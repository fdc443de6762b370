// A minimal Server-Sent Events reader over fetch, for tests: yields {id, data} frames as they arrive.

export interface SseFrame {
  id: string | null;
  data: string;
}

export interface SseConnection {
  /** Waits for frames until `predicate` holds for the collected list; fails after `timeoutMs`. */
  waitFor(predicate: (frames: SseFrame[]) => boolean, timeoutMs?: number): Promise<SseFrame[]>;
  frames: SseFrame[];
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`);
  const frames: SseFrame[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id: string | null = null;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) frames.push({ id, data: data.join('\n') });
        }
        for (const wake of waiters) wake();
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    frames,
    close: () => controller.abort(),
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(frames)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(frames);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`stream: condition not met within ${timeoutMs} ms; got ${frames.length} frames`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

export function messageOf(frame: SseFrame): { type: string; data: Record<string, unknown> } {
  return JSON.parse(frame.data) as { type: string; data: Record<string, unknown> };
}
