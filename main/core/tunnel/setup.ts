// The tunnel as the rest of Hookbridge sees it: which authtoken and reserved domain it uses (and where each came
// from), the public URL it gives endpoints, and the controller that runs it. Startup values (NGROK_AUTHTOKEN,
// --ngrok-domain) win over saved ones until the user enters another token.
import type { Settings, TunnelSetup } from '../model';
import type { SecretStore } from '../secrets';
import type { TunnelAdapter } from './adapter';
import { TunnelAuthtoken } from './authtoken';
import { TunnelController, type TunnelView } from './controller';

export interface TunnelServiceOptions {
  adapter: TunnelAdapter;
  secrets: SecretStore;
  /** NGROK_AUTHTOKEN or --ngrok-authtoken-file. */
  startupAuthtoken?: string | undefined;
  /** --ngrok-domain: wins over the ngrokDomain setting for this run. */
  startupDomain?: string | undefined;
  /** The saved settings; null before the store is open. */
  settings(): Pick<Settings, 'ngrokDomain' | 'publicBaseUrl'> | null;
  /** The ingress port on 127.0.0.1 (null before it listens). */
  ingressPort(): number | null;
  /** After every change of the tunnel's state. */
  onChange(view: TunnelView): void;
}

export class TunnelService {
  readonly controller: TunnelController;
  private readonly authtoken: TunnelAuthtoken;
  private readonly startupDomain: string | undefined;

  constructor(private readonly options: TunnelServiceOptions) {
    this.authtoken = new TunnelAuthtoken(options.secrets, options.startupAuthtoken?.trim() || undefined);
    this.startupDomain = options.startupDomain?.trim() || undefined;
    this.controller = new TunnelController({
      adapter: options.adapter,
      ingressPort: options.ingressPort,
      authtoken: this.authtoken.current,
      domain: this.startupDomain,
      onChange: options.onChange,
    });
  }

  /** The reserved domain the tunnel asks for, and where it was set. */
  domain(): TunnelSetup['domain'] {
    if (this.startupDomain) return { value: this.startupDomain, source: 'startup' };
    const saved = this.options.settings()?.ngrokDomain;
    return saved ? { value: saved, source: 'settings' } : null;
  }

  /** What Settings shows: hints and sources, never a token. */
  setup(): TunnelSetup {
    return { ...this.authtoken.view(), domain: this.domain() };
  }

  view(): TunnelView {
    return this.controller.view();
  }

  /** The tunnel's URL while it is online; otherwise the public base URL the user set (their own tunnel), if any. */
  publicBaseUrl(): string | null {
    const view = this.controller.view();
    if (view.state === 'online' && view.url) return view.url.replace(/\/+$/, '');
    return this.options.settings()?.publicBaseUrl ?? null;
  }

  /** Starts connecting; the outcome arrives through onChange. */
  start(): TunnelView {
    void this.controller.start();
    return this.controller.view();
  }

  async stop(): Promise<TunnelView> {
    await this.controller.stop();
    return this.controller.view();
  }

  /** Uses `token` from now on (a started tunnel reconnects with it); `remember` keeps it encrypted where it can. */
  async setAuthtoken(token: string, remember: boolean): Promise<TunnelSetup> {
    await this.authtoken.set(token, remember);
    await this.reconfigure();
    return this.setup();
  }

  /** Forgets the entered or saved token; the startup one (if any) is used again. */
  async forgetAuthtoken(): Promise<TunnelSetup> {
    await this.authtoken.forget();
    await this.reconfigure();
    return this.setup();
  }

  /** After the settings changed (or the store opened): a new saved domain is used, and a running tunnel reconnects. */
  async settingsChanged(): Promise<void> {
    if (this.domain()?.value !== this.controller.domainInUse) await this.reconfigure();
  }

  private reconfigure(): Promise<void> {
    return this.controller.reconfigure({ authtoken: this.authtoken.current, domain: this.domain()?.value });
  }
}
