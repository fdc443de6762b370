// Endpoints: list, create, rename, enable/disable, delete, copy URL, provider. (Being built.)
import type { Client } from '../client';

export interface EndpointsPageProps {
  client: Client;
  /** The public tunnel URL when a tunnel is up, else null (then local URLs are shown). */
  publicUrl: string | null;
}

export function EndpointsPage(_props: EndpointsPageProps) {
  return <section class="page" aria-label="Endpoints" />;
}
