// compromise's post-tagger (the step that corrects tags with hundreds of match patterns) runs its
// patterns through one "sweep" (compromise 14, src/1-one/sweep/methods/sweep/index.js): for each
// clause it gathers the patterns filed under the words and tags the clause holds, keeps each pattern
// once, drops those whose needs the clause lacks, and runs the rest in that order. compromise gathers
// them by concatenating every matching key's list into a new array, key by key, then drops repeats
// through an object keyed by the patterns' text: a clause holds "#Noun", "#Verb" and the like, whose
// lists run to hundreds of patterns, so that was ~20 % of tagging an introduction's CPU. This is the
// same sweep gathering into one array with a Set, in the same order, so every pattern runs in the same
// order on the same clause and every tag comes out the same (test/compromise-sweep.test.ts compares
// them on the fixture sites' English text).

/** A parsed match pattern of compromise's net (the fields the sweep reads). */
interface SweepMatch {
  match: string;
  needs: string[];
  wants: string[];
  minWant: number;
  minWords: number;
  ifNo?: string[];
  unTag?: unknown;
}

interface SweepNet {
  hooks: Record<string, SweepMatch[]>;
  always: SweepMatch[];
}

interface SweepMethods {
  one: {
    cacheDoc(document: unknown[][]): Set<string>[];
    match(docs: unknown[][], match: SweepMatch): { ptrs: number[][] };
  };
}

type BulkMatch = (document: unknown[][], net: SweepNet, methods: SweepMethods, opts?: { matchOne?: boolean }) => unknown[];

/** Per clause, the patterns filed under a word or tag it holds, each once, in the net's key order. */
function patternsPerClause(docCache: Set<string>[], hooks: Record<string, SweepMatch[]>): SweepMatch[][] {
  const keys = Object.keys(hooks);
  return docCache.map((haves) => {
    const seen = new Set<string>();
    const maybe: SweepMatch[] = [];
    for (const key of keys) {
      if (!haves.has(key)) continue;
      for (const m of hooks[key]!) {
        if (seen.has(m.match)) continue;
        seen.add(m.match);
        maybe.push(m);
      }
    }
    return maybe;
  });
}

/** Whether the clause has what the pattern needs, none of what rules it out, and enough of what it wants. */
const fits = (m: SweepMatch, haves: Set<string>) =>
  m.needs.every((need) => haves.has(need)) &&
  !(m.ifNo !== undefined && m.ifNo.some((no) => haves.has(no))) &&
  (m.wants.length === 0 || m.wants.filter((want) => haves.has(want)).length >= m.minWant);

const sweep: BulkMatch = (document, net, methods, opts = {}) => {
  const docCache = methods.one.cacheDoc(document);
  const todo = patternsPerClause(docCache, net.hooks).map((list, n) => {
    const fitting = list.filter((m) => fits(m, docCache[n]!));
    return (net.always.length > 0 ? fitting.concat(net.always) : fitting).filter((m) => document[n]!.length >= m.minWords);
  });
  const results: unknown[] = [];
  for (let n = 0; n < todo.length; n++) {
    for (const m of todo[n]!) {
      const res = methods.one.match([document[n]!], m);
      if (res.ptrs.length === 0) continue;
      for (const ptr of res.ptrs) {
        ptr[0] = n;
        const found: SweepMatch & { pointer: number[] } = Object.assign({}, m, { pointer: ptr });
        if (m.unTag !== undefined) found.unTag = m.unTag;
        results.push(found);
      }
      if (opts.matchOne === true) return [results[0]];
    }
  }
  return results;
};

/**
 * Where compromise's own sweep is kept once replaced: on its methods, under a symbol every copy of this
 * module shares (compromise is loaded once per process, this module once per module graph), so the
 * test can compare the two however often it is replaced.
 */
const OWN_SWEEP = Symbol.for('partner-presence: compromise sweep');

type SweepMethodsHolder = { bulkMatch: BulkMatch; [OWN_SWEEP]?: BulkMatch };
const sweepMethods = (nlp: { methods(): object }) => (nlp.methods() as { one: SweepMethodsHolder }).one;

/** `nlp` (compromise's default export) with its sweep replaced by the one above. */
export function withQuickSweep<T extends { methods(): object }>(nlp: T): T {
  const one = sweepMethods(nlp);
  one[OWN_SWEEP] ??= one.bulkMatch;
  one.bulkMatch = sweep;
  return nlp;
}

/** compromise's own sweep, once withQuickSweep replaced it. */
export function compromiseSweep(nlp: { methods(): object }): BulkMatch | undefined {
  return sweepMethods(nlp)[OWN_SWEEP];
}
