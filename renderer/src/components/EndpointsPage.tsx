// Endpoints: list, create, rename, enable/disable, delete, copy URL, provider, rotate token. Secrets never reach
// the UI (the API sends a masked hint); every name is rendered as text.
import { useRef, useState } from 'preact/hooks';
import type { Client, PublicEndpoint } from '../client';
import type { Live } from '../live';
import { useSignal } from '../use-signal';
import { EndpointRow } from './EndpointRow';
import { NewEndpointForm } from './NewEndpointForm';
import './Pages.css';

export interface EndpointsPageProps {
  client: Client;
  /** The window's live store: the endpoints, and the public base URL from the status. */
  live: Live;
}

export function EndpointsPage({ client, live }: EndpointsPageProps) {
  // The list comes from the live store: it follows endpoint.changed from the stream, from any window.
  const endpoints = useSignal(live.endpoints);
  const loadError = useSignal(live.error);
  /** The public base URL (the tunnel's while it is online, else the configured one), or null: then local URLs are shown. */
  const publicUrl = useSignal(live.status)?.publicUrl ?? null;
  const [created, setCreated] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const replace = (endpoint: PublicEndpoint): void => live.putEndpoint(endpoint);
  const remove = (id: string): void => {
    live.removeEndpoint(id);
    heading.current?.focus(); // the deleted row held the focus
  };

  return (
    <section class="page" aria-labelledby="endpoints-title">
      <header class="page-head">
        <h2 id="endpoints-title" ref={heading} tabIndex={-1}>
          Endpoints
        </h2>
        <p class="page-intro">
          Give each provider its own URL. Every request is stored: a disabled endpoint answers 403; a failed auth or signature check answers 401 (or is
          accepted and flagged); response rules answer what you choose, to watch a provider retry.
        </p>
      </header>

      <NewEndpointForm
        client={client}
        onCreated={(endpoint) => {
          live.putEndpoint(endpoint);
          setCreated(endpoint.id);
        }}
      />

      {loadError && (
        <p class="page-error" role="alert">
          Could not load the endpoints: {loadError}{' '}
          <button type="button" onClick={() => void live.refresh()}>
            Try again
          </button>
        </p>
      )}
      {endpoints === null ? (
        !loadError && <p class="hint">Loading endpoints…</p>
      ) : endpoints.length === 0 ? (
        <p class="hint">No endpoints yet. Create one above to get a URL for your provider.</p>
      ) : (
        <ul class="endpoint-list" aria-label="Endpoints">
          {endpoints.map((endpoint) => (
            <EndpointRow
              key={endpoint.id}
              client={client}
              endpoint={endpoint}
              publicUrl={publicUrl}
              fresh={created === endpoint.id}
              onChanged={replace}
              onDeleted={remove}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
