// Maps the crawler keeps for every page read, whose keys mostly hold a single value: that value is
// kept as it is, and a list only from a key's second value on (a list of one costs ~60 bytes more,
// for the whole crawl).

/** One value, or the values (two or more) of a key. Values are never lists themselves. */
export type OneOrMany<V extends object> = V | V[];

export function addValue<V extends object>(map: Map<string, OneOrMany<V>>, key: string, value: V): void {
  const known = map.get(key);
  if (known === undefined) map.set(key, value);
  else if (Array.isArray(known)) known.push(value);
  else map.set(key, [known, value]);
}

export function valuesAt<V extends object>(map: Map<string, OneOrMany<V>>, key: string): readonly V[] {
  const known = map.get(key);
  return known === undefined ? [] : Array.isArray(known) ? known : [known];
}
