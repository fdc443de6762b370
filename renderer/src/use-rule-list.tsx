// The editing of an endpoint's rule list (response rules, alert rules), once: drafts edited in place, moved,
// removed and added, saved together; a refusal — the form's own check or the engine's — shown under the field
// it names, and cleared at the next edit.
import { useState } from 'preact/hooks';
import type { JSX } from 'preact';
import { FieldError, invalidProps } from './components/FieldError';
import { problemOf, type Problem } from './problem';

export interface RuleList<D> {
  drafts: D[];
  problem: Problem | null;
  busy: boolean;
  edit(index: number, patch: Partial<D>): void;
  move(index: number, by: -1 | 1): void;
  remove(index: number): void;
  add(draft: D): void;
  /** A field's aria props and its message, given its path in the input and its element id. */
  field(path: string, id: string): { aria: ReturnType<typeof invalidProps>; error: JSX.Element };
  /** Saves the list (`save` may throw the form's own refusal before sending); closes on success. */
  submit(event: Event): Promise<void>;
}

export function useRuleList<D>(initial: () => D[], save: (drafts: D[]) => Promise<void>): RuleList<D> {
  const [drafts, setDrafts] = useState<D[]>(initial);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    drafts,
    problem,
    busy,
    edit: (index, patch) => {
      setProblem(null); // the message was about what the rule said before this edit
      setDrafts((list) => list.map((d, i) => (i === index ? { ...d, ...patch } : d)));
    },
    move: (index, by) =>
      setDrafts((list) => {
        const next = [...list];
        const [item] = next.splice(index, 1);
        if (item !== undefined) next.splice(index + by, 0, item);
        return next;
      }),
    remove: (index) => setDrafts((list) => list.filter((_, j) => j !== index)),
    add: (draft) => setDrafts((list) => [...list, draft]),
    field: (path, id) => ({ aria: invalidProps(problem, path, id), error: <FieldError problem={problem} path={path} id={id} /> }),
    submit: async (event) => {
      event.preventDefault();
      setProblem(null);
      setBusy(true);
      try {
        await save(drafts);
      } catch (error) {
        setProblem(problemOf(error));
      } finally {
        setBusy(false);
      }
    },
  };
}
