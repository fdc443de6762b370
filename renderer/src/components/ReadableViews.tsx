// Form fields, multipart parts and XML trees, as the Body tab shows them. Every name, value and text is rendered
// as text (control and bidi characters made visible); a file part is never rendered, only downloaded.
import { useState } from 'preact/hooks';
import type { Client, EventDetail, ReadableBody, XmlNode } from '../client';
import { bytes as formatBytes, errorMessage, visible } from '../format';

type Form = Extract<ReadableBody, { kind: 'form' }>;
type Multipart = Extract<ReadableBody, { kind: 'multipart' }>;

/** How much of a text part is shown in the table. */
const partPreview = 4_000;

export function FieldsTable({ fields }: { fields: Form['fields'] }) {
  if (fields.length === 0) return <p class="hint">No fields.</p>;
  return (
    <table class="kv fields" aria-label="Form fields">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {fields.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{visible(name)}</th>
            <td>{visible(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}


/** A file name safe to offer for saving: no folders, no control characters. */
function safeFilename(name: string | null, index: number): string {
  const base = [...((name ?? '').split(/[\\/]/).pop() ?? '')].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join('').trim();
  return base === '' || base === '.' || base === '..' ? `part-${index + 1}.bin` : base;
}

function DownloadPart({ client, event, part }: { client: Client; event: EventDetail; part: Multipart['parts'][number] }) {
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (): Promise<void> => {
    setProblem(null);
    try {
      const { base64 } = await client.api.getBodyPart({ id: event.id, index: part.index });
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      // Always as opaque bytes: the browser saves it, never shows it.
      const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = safeFilename(part.filename, part.index);
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void download()}>
        Download {safeFilename(part.filename, part.index)}
      </button>
      {problem && <span class="form-error">{problem}</span>}
    </>
  );
}

export function PartsTable({ client, event, readable }: { client: Client; event: EventDetail; readable: Multipart }) {
  return (
    <>
      {readable.problem && <p class="problem">{visible(readable.problem)}</p>}
      <table class="kv parts" aria-label="Multipart parts">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Size</th>
            <th scope="col">Content</th>
          </tr>
        </thead>
        <tbody>
          {readable.parts.map((part) => (
            <tr key={part.index} data-part={part.index}>
              <td>{part.index + 1}</td>
              <th scope="row">
                {visible(part.name)}
                {part.filename !== null && <div class="hint">file: {visible(part.filename)}</div>}
              </th>
              <td>{part.contentType ? visible(part.contentType) : part.filename === null ? 'text' : '—'}</td>
              <td>{formatBytes(part.size)}</td>
              <td>
                {part.text !== null ? (
                  <pre class="raw part-text">{visible(part.text.length > partPreview ? `${part.text.slice(0, partPreview)}…` : part.text)}</pre>
                ) : (
                  <DownloadPart client={client} event={event} part={part} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function XmlElement({ node, depth }: { node: XmlNode; depth: number }) {
  if (node.kind === 'text') return <div class="xml-text">{visible(node.text)}</div>;
  if (node.kind === 'cdata') return <div class="xml-cdata">{`<![CDATA[${visible(node.text)}]]>`}</div>;
  if (node.kind === 'comment') return <div class="xml-comment">{`<!--${visible(node.text)}-->`}</div>;
  const open = (
    <>
      <span class="xml-tag">&lt;{visible(node.name)}</span>
      {node.attributes.map(([name, value], i) => (
        <span key={i}>
          {' '}
          <span class="xml-attr">{visible(name)}</span>=<span class="xml-value">"{visible(value)}"</span>
        </span>
      ))}
      <span class="xml-tag">{node.children.length === 0 ? '/>' : '>'}</span>
    </>
  );
  if (node.children.length === 0) return <div class="xml-element">{open}</div>;
  const [only] = node.children;
  if (node.children.length === 1 && only?.kind === 'text') {
    return (
      <div class="xml-element">
        {open}
        <span class="xml-inline">{visible(only.text)}</span>
        <span class="xml-tag">&lt;/{visible(node.name)}&gt;</span>
      </div>
    );
  }
  return (
    <details class="xml-element" open={depth < 4}>
      <summary>{open}</summary>
      <div class="xml-children">
        {node.children.map((child, i) => (
          <XmlElement key={i} node={child} depth={depth + 1} />
        ))}
      </div>
      <span class="xml-tag">&lt;/{visible(node.name)}&gt;</span>
    </details>
  );
}

export function XmlTree({ nodes }: { nodes: XmlNode[] }) {
  return (
    <div class="xml-tree" aria-label="XML tree">
      {nodes.map((node, i) => (
        <XmlElement key={i} node={node} depth={0} />
      ))}
    </div>
  );
}
