// The built-in provider packs, loaded and checked once: a pack file with a mistake stops Hookbridge with a
// sentence naming the file and the path (test/core/providers/packs.test.ts loads every one).
import type { ProviderModule } from '../types';
import { loadPack, type Pack } from './format';
import { hooks } from './hooks';
import { packModule } from './module';
import { exampleFiles } from './examples';
import github from './github.json';
import shopify from './shopify.json';
import slack from './slack.json';
import standardWebhooks from './standard-webhooks.json';
import stripe from './stripe.json';
import twilio from './twilio.json';
import gitlab from './gitlab.json';
import sendgrid from './sendgrid.json';
import mailgun from './mailgun.json';
import paddle from './paddle.json';

export { claimOf } from './module';
export type { Pack } from './format';

/** In the order they are asked to detect a request: header-detected senders first, Standard Webhooks last (any sender may use its headers). */
export const packs: readonly Pack[] = [
  loadPack('github.json', github),
  loadPack('stripe.json', stripe),
  loadPack('shopify.json', shopify),
  loadPack('slack.json', slack),
  loadPack('twilio.json', twilio),
  loadPack('gitlab.json', gitlab),
  loadPack('sendgrid.json', sendgrid),
  loadPack('mailgun.json', mailgun),
  loadPack('paddle.json', paddle),
  loadPack('standard-webhooks.json', standardWebhooks),
];

export const packModules: readonly ProviderModule[] = packs.map((pack) => packModule(pack, hooks[pack.id]));

/** A pack's documented example of `name`: its body, the headers the provider sends with it, and the delivery-id header to fill. */
export function packExample(packId: string, name: string): { body: unknown; headers: [string, string][]; deliveryHeader: string | null } | null {
  const pack = packs.find((p) => p.id === packId);
  const example = pack?.examples.find((e) => e.name === name);
  if (!pack || !example || !(example.file in exampleFiles)) return null;
  return { body: exampleFiles[example.file], headers: example.headers, deliveryHeader: pack.delivery?.header ?? null };
}

/** Every pack's example names, by pack. */
export function packExampleNames(): { provider: string; names: string[] }[] {
  return packs.filter((p) => p.examples.length > 0).map((p) => ({ provider: p.id, names: p.examples.map((e) => e.name) }));
}
