// The interface every provider module fills: detect a request, describe it. Descriptions are stored at ingest.
import type { Description, EndpointProvider, EventFact, HeaderPair, ParseError, ProviderId, RequestFlag } from '../model';

/** What a provider module may look at: the request as received, with the body already parsed when it was JSON. */
export interface CapturedRequest {
  method: string;
  /** The sub-path after /h/<token>, "" for the endpoint itself. */
  path: string;
  query: string;
  headers: readonly HeaderPair[];
  contentType: string | null;
  body: Buffer;
  bodySize: number;
  /** The parsed body when it is JSON (by content type or by sniffing); undefined otherwise. */
  json: unknown;
  flags: readonly RequestFlag[];
  parseError: ParseError | null;
  endpointProvider: EndpointProvider;
  /** Calling code for national phone numbers (settings), e.g. "49"; absent: only international forms normalise. */
  defaultCountryCode?: string | null;
}

export interface ProviderModule {
  readonly id: ProviderId;
  /** As people write it: "GitHub", "LOX24". */
  readonly label: string;
  /** The signature check an endpoint set to this provider starts with; absent: none preselected. */
  readonly signature?: string | null;
  /** Its registration handshake (a module of handshakes/), if it has one. */
  readonly handshake?: string | null;
  /** Why it claims the request, for the inspector ("the X-GitHub-Event header"); absent: "its body". */
  claim?(request: CapturedRequest): string | null;
  /** True when the request's envelope is this provider's. Only asked when the endpoint says `auto`. */
  detect(request: CapturedRequest): boolean;
  describe(request: CapturedRequest): Description;
  /** The facts the inspector shows first, from the parsed JSON body; absent: none. */
  facts?(json: unknown): EventFact[];
}

/** The languages explanations are written in. */
export type Language = 'en' | 'es';

export interface Localized {
  en: string;
  es: string;
}

/** One provider code explained: a short title for summaries, the cause, and what to do next. */
export interface CodeExplanation {
  title: Localized;
  cause: Localized;
  nextStep: Localized;
}
