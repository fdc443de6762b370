// XML bodies (SOAP callbacks, Atom/RSS pushes, some payment providers): read with fast-xml-parser into a small
// tree, pretty-printed by us. Entities are never expanded and no DTD is ever read: a document that declares a
// DOCTYPE (the door to XXE and "billion laughs") is shown only as text, with the reason.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode =
  | { kind: 'element'; name: string; attributes: [string, string][]; children: XmlNode[] }
  | { kind: 'text'; text: string }
  | { kind: 'cdata'; text: string }
  | { kind: 'comment'; text: string };

export interface XmlView {
  /** The document indented, for reading; null when it could not be read. */
  pretty: string | null;
  /** Its root nodes; null when it could not be read. */
  tree: XmlNode[] | null;
  /** Why it is shown only as text, or what was left out; else null. */
  problem: string | null;
}

/** Past this many nodes the tree is cut (the pretty text too): a person reads the start, search reads the text. */
export const nodeLimit = 10_000;
const depthLimit = 200;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
});

const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and numeric character references, decoded; any other &name; stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return predefined[ref] ?? whole;
  });
}

type Raw = Record<string, unknown>;

function textOf(children: unknown): string {
  return Array.isArray(children) ? children.map((child) => String((child as Raw)['#text'] ?? '')).join('') : '';
}

/** fast-xml-parser's ordered output as our tree, counting nodes against the limit. */
function convert(raw: unknown[], depth: number, budget: { left: number; cut: boolean }): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of raw) {
    if (budget.left <= 0 || depth > depthLimit) {
      budget.cut = true;
      break;
    }
    const entry = item as Raw;
    const key = Object.keys(entry).find((k) => k !== ':@');
    if (key === undefined || key === '?xml') continue;
    budget.left--;
    if (key === '#text') nodes.push({ kind: 'text', text: decodeEntities(String(entry[key])) });
    else if (key === '#cdata') nodes.push({ kind: 'cdata', text: textOf(entry[key]) });
    else if (key === '#comment') nodes.push({ kind: 'comment', text: textOf(entry[key]) });
    else {
      const attributes = Object.entries((entry[':@'] as Raw | undefined) ?? {}).map(([name, value]): [string, string] => [name, decodeEntities(String(value))]);
      nodes.push({ kind: 'element', name: key, attributes, children: convert((entry[key] as unknown[]) ?? [], depth + 1, budget) });
    }
  }
  return nodes;
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

function pretty(nodes: readonly XmlNode[], indent: string, lines: string[]): void {
  for (const node of nodes) {
    if (node.kind === 'text') lines.push(`${indent}${escapeText(node.text)}`);
    else if (node.kind === 'cdata') lines.push(`${indent}<![CDATA[${node.text}]]>`);
    else if (node.kind === 'comment') lines.push(`${indent}<!--${node.text}-->`);
    else {
      const attributes = node.attributes.map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
      const [only] = node.children;
      if (node.children.length === 0) lines.push(`${indent}<${node.name}${attributes}/>`);
      else if (node.children.length === 1 && only?.kind === 'text') lines.push(`${indent}<${node.name}${attributes}>${escapeText(only.text)}</${node.name}>`);
      else {
        lines.push(`${indent}<${node.name}${attributes}>`);
        pretty(node.children, `${indent}  `, lines);
        lines.push(`${indent}</${node.name}>`);
      }
    }
  }
}

export function readXml(text: string): XmlView {
  if (/<!DOCTYPE/i.test(text)) {
    return { pretty: null, tree: null, problem: 'The document declares a DOCTYPE: Hookbridge never reads DTDs or expands entities (XXE, “billion laughs”), so it is shown only as text.' };
  }
  try {
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
      const { msg, line, col } = valid.err;
      return { pretty: null, tree: null, problem: `Not well-formed XML: ${msg.replace(/\.$/, '')} (line ${line}, column ${col}).` };
    }
    const budget = { left: nodeLimit, cut: false };
    const tree = convert(parser.parse(text) as unknown[], 0, budget);
    const lines: string[] = [];
    pretty(tree, '', lines);
    return { pretty: lines.join('\n'), tree, problem: budget.cut ? `The document is larger than ${nodeLimit.toLocaleString('en')} nodes or ${depthLimit} levels deep: the tree and the indented text stop there.` : null };
  } catch (error) {
    return { pretty: null, tree: null, problem: `The XML could not be read: ${(error as Error).message}` };
  }
}
