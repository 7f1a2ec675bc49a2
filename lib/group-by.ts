// Items grouped by a key, in their order: a lookup built once instead of a filter per item (Map.groupBy needs
// Node 21; Throughline runs on Node 20 too).

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
