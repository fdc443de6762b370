// A collapsible JSON tree that renders every key and value as text (never HTML), with copy-path and
// copy-value. Deep or large bodies stay fast: levels below `openDepth` start collapsed, long arrays and
// objects show their first entries with "show more".
import { useState } from 'preact/hooks';
import { childPath } from '../../../main/core/diff';
import { visible } from '../format';

const pageSize = 100;


function copy(text: string): void {
  void navigator.clipboard?.writeText(text);
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span class="json-string">"{visible(value)}"</span>;
  if (value === null) return <span class="json-null">null</span>;
  return <span class={`json-${typeof value}`}>{String(value)}</span>;
}

interface NodeProps {
  name: string | number | null;
  value: unknown;
  path: string;
  depth: number;
  openDepth: number;
}

function JsonNode({ name, value, path, depth, openDepth }: NodeProps) {
  const isContainer = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(pageSize);
  const label = name === null ? null : <span class="json-key">{typeof name === 'number' ? name : visible(name)}</span>;
  const actions = (
    <span class="json-actions">
      <button type="button" title={`Copy path ${path}`} onClick={() => copy(path)}>path</button>
      <button type="button" title="Copy value" onClick={() => copy(JSON.stringify(value, null, 2))}>value</button>
    </span>
  );
  if (!isContainer) {
    return (
      <div class="json-row" data-path={path}>
        {label}
        {label && ': '}
        <Scalar value={value} />
        {actions}
      </div>
    );
  }
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value as Record<string, unknown>);
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <div class="json-node" data-path={path}>
      <div class="json-row">
        <button type="button" class="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'}
        </button>
        {label}
        {label && ': '}
        <span class="json-punct">{brackets[0]}</span>
        {!open && <span class="json-summary"> {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {brackets[1]}</span>}
        {actions}
      </div>
      {open && (
        <div class="json-children">
          {entries.slice(0, shown).map(([key, child]) => (
            <JsonNode key={key} name={key} value={child} path={childPath(path, key)} depth={depth + 1} openDepth={openDepth} />
          ))}
          {entries.length > shown && (
            <button type="button" class="json-more" onClick={() => setShown(shown + pageSize * 10)}>
              show {Math.min(pageSize * 10, entries.length - shown)} more of {entries.length - shown}
            </button>
          )}
          <div class="json-punct">{brackets[1]}</div>
        </div>
      )}
    </div>
  );
}

export function JsonTree({ value, large }: { value: unknown; large: boolean }) {
  return (
    <div class="json-tree">
      <JsonNode name={null} value={value} path="$" depth={0} openDepth={large ? 1 : 4} />
    </div>
  );
}
