// An empty feed says why and what to do: clear the filters, or send the first webhook (LOX24's documented
// example, as a curl command for the default endpoint).
import type { PublicEndpoint } from '../client';
import { shellWord } from '../../../main/core/curl';
import { lox24Example } from '../seed-example';

export function EmptyFeed({ filtered, onClear, endpoint }: { filtered: boolean; onClear(): void; endpoint: PublicEndpoint | null }) {
  if (filtered) {
    return (
      <div class="empty">
        <p>No events match these filters.</p>
        <button type="button" onClick={onClear}>
          Clear filters
        </button>
      </div>
    );
  }
  const curl = endpoint
    ? `curl -X POST ${shellWord(`${endpoint.url}/lox24`)} \\\n  -H 'Content-Type: application/json' --data-binary @- <<'JSON'\n${JSON.stringify(lox24Example, null, 2)}\nJSON`
    : '';
  return (
    <div class="empty">
      <h2>Waiting for the first webhook</h2>
      <p>Point your provider at an endpoint URL, or send LOX24’s documented example yourself:</p>
      <pre class="raw curl">{curl}</pre>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(curl)}>
        Copy command
      </button>
    </div>
  );
}
