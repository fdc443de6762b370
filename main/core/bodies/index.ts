// Bodies a person can read besides JSON: form-encoded fields, multipart parts and XML. `readBody` runs once, at
// the ingress (multipart parsing streams, so it is async), and what it finds is stored with the request: the
// inspector, rules, the description, exports and full-text search all read that.
import { fieldsJson, formFields, type Fields } from './form';
import { isForm, isMultipart, isXml } from './media';
import { multipartParts, type PartInfo } from './multipart';
import { readXml } from './xml';

export { isForm, isMultipart, isXml, mediaType } from './media';
export { multipartPartBytes, type PartInfo } from './multipart';
export { readXml, type XmlNode, type XmlView } from './xml';
export { fieldsJson, formFields, type Fields } from './form';

/** What is stored about a readable body (the requests table's `readable` column). */
export type StoredReadable =
  | { kind: 'form'; fields: Fields }
  | { kind: 'multipart'; parts: PartInfo[]; problem: string | null }
  /** Only whether it reads: the tree is rebuilt from the body when shown, and search reads the body itself. */
  | { kind: 'xml'; problem: string | null };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a form, multipart or XML body; null for anything else (JSON, text, binary). */
export async function readBody(contentType: string | null, body: Buffer): Promise<StoredReadable | null> {
  if (isForm(contentType)) return { kind: 'form', fields: formFields(body) };
  if (isMultipart(contentType) && contentType) return { kind: 'multipart', ...(await multipartParts(body, contentType)) };
  if (isXml(contentType)) {
    let text: string;
    try {
      text = strictUtf8.decode(body);
    } catch {
      return { kind: 'xml', problem: 'The XML is not valid UTF-8: shown as bytes.' };
    }
    return { kind: 'xml', problem: readXml(text).problem };
  }
  return null;
}

/** The fields as JSON, for rules' JSON paths, the description and exports: form fields, or multipart's text fields. */
export function readableJson(readable: StoredReadable | null): Record<string, string | string[]> | undefined {
  if (readable?.kind === 'form') return fieldsJson(readable.fields);
  if (readable?.kind === 'multipart') return fieldsJson(readable.parts.flatMap((p): Fields => (p.text === null ? [] : [[p.name, p.text]])));
  return undefined;
}

/** What full-text search reads of a form or multipart body: decoded names and values, text parts and file names. */
export function readableText(readable: Exclude<StoredReadable, { kind: 'xml' }>): string {
  if (readable.kind === 'form') return readable.fields.map(([name, value]) => `${name} ${value}`).join('\n');
  return readable.parts.map((p) => [p.name, p.filename ?? '', p.text ?? ''].join(' ')).join('\n');
}
