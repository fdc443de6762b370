// Copies an endpoint's URL and says so for two seconds; a clipboard that is not there is said, not ignored.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../format';

export function CopyUrl({ url, name, onError }: { url: string; name: string; onError(message: string | null): void }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const copy = async (): Promise<void> => {
    onError(null);
    try {
      if (!navigator.clipboard) throw new Error('the clipboard is not available here; select the URL and copy it by hand');
      await navigator.clipboard.writeText(url);
      setCopied(true);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 2_000);
    } catch (e) {
      onError(`Could not copy the URL: ${errorMessage(e)}`);
    }
  };

  return (
    <>
      <button type="button" aria-label={`Copy URL of ${name}`} onClick={() => void copy()}>
        Copy URL
      </button>
      <span class="copied" role="status">
        {copied ? 'Copied' : ''}
      </span>
    </>
  );
}
