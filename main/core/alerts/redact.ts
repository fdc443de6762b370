// Last line of defence for notification text, which shows on a lock screen: masks whatever in a sentence
// still looks like a phone number, a verification code or an email address, whoever wrote the sentence.
import { maskCode, maskPhone } from '../mask';

// Providers mask what they know is personal; free text they pass through (a LOX24 error message, a generic
// webhook's event name) can still carry it, so these patterns are deliberately broad.
const email = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;
/** 7 or more digits, optionally led by "+" and split by single spaces or hyphens ("+49 151 1234-5678"). */
const phone = /(?<![\w+])\+?\d(?:[ -]?\d){6,}(?!\w)/g;
/** A number standing alone of a verification code's length; shorter ones (attempt counts, DLR codes) stay. */
const code = /(?<![\w+])\d{4,8}(?!\w)/g;

export function redact(text: string): string {
  return text
    .replace(email, (_match, domain: string) => `•••@${domain}`)
    .replace(phone, (match) => maskPhone(match))
    .replace(code, (match) => maskCode(match));
}
