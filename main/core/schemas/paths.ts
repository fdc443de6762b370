// A validator's JSON pointers ("/commits/0/id") as the paths every schema issue shows ("$.commits[0].id").

export type Path = readonly (string | number)[];

/** A JSON pointer from a validator ("/commits/0/id") as a path, numbers where the value holds an array. */
export function pathOfPointer(root: unknown, pointer: string): Path {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value) && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      value = value[Number(segment)];
    } else {
      path.push(segment);
      value = value !== null && typeof value === 'object' && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

