// A page's HTML as htmlparser2 read it: its parser events, recorded on the crawl's thread while the
// crawler scans the page for links (html-scan.ts), and replayed into a DOM by whoever reads the page
// next. The audit's analysis worker, its critical path, thus builds the very document it would have
// parsed without tokenizing the HTML a second time (analyzers/index.ts); the events cross threads as
// one string and one Int32Array, cheaper to copy than to re-read.
import { DomHandler, type Document } from 'domhandler';

/** A recorded page: op codes with their string lengths, and the strings one after another. */
export interface HtmlEvents {
  ops: Int32Array;
  strings: string;
}

// Op codes. OPEN is followed by the name's length, the number of attributes and each attribute's
// name and value lengths; TEXT, COMMENT by their length; INSTRUCTION by its name's and data's lengths.
const OPEN = 1;
const CLOSE = 2;
const TEXT = 3;
const COMMENT = 4;
const COMMENT_END = 5;
const CDATA_START = 6;
const CDATA_END = 7;
const INSTRUCTION = 8;

/**
 * Records the events of one htmlparser2 Parser (default HTML options: lower-cased names, decoded
 * entities), as a DomHandler would receive them (analyzers/index.ts readHtml). A document nested deeper than
 * `maxNesting` (readHtml's cut) is not recorded: the analysis reads it only up to that point, which
 * its own parse knows how to do.
 */
export class HtmlEventRecorder {
  readonly #maxNesting: number;
  // Op codes in a typed array that doubles when full, strings as one concatenation: a page has
  // thousands of events, and an array of numbers copied at the end cost the crawl's thread more.
  #ops = new Int32Array(4096);
  #length = 0;
  #strings = '';
  /** Open elements as readHtml counts them (each open tag, each close). */
  #depth = 0;
  #lastWasText = false;
  #valid = true;

  constructor(maxNesting: number) {
    this.#maxNesting = maxNesting;
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    if (!this.#valid) return;
    if (++this.#depth > this.#maxNesting) {
      this.abandon();
      return;
    }
    const keys = Object.keys(attribs);
    this.#push(OPEN, name.length, keys.length);
    this.#strings += name;
    for (const key of keys) {
      const value = attribs[key]!;
      this.#push(key.length, value.length);
      this.#strings += key + value;
    }
    this.#lastWasText = false;
  }

  onclosetag(): void {
    if (!this.#valid) return;
    this.#depth--;
    this.#op(CLOSE);
  }

  ontext(text: string): void {
    if (!this.#valid || text === '') return;
    this.#strings += text;
    // DomHandler appends a text to the text node before it: one longer TEXT builds the same node
    // (entities come one event each).
    if (this.#lastWasText) this.#ops[this.#length - 1]! += text.length;
    else this.#push(TEXT, text.length);
    this.#lastWasText = true;
  }

  oncomment(data: string): void {
    if (!this.#valid) return;
    this.#push(COMMENT, data.length);
    this.#strings += data;
    this.#lastWasText = false;
  }

  oncommentend(): void {
    this.#op(COMMENT_END);
  }

  oncdatastart(): void {
    this.#op(CDATA_START);
  }

  oncdataend(): void {
    this.#op(CDATA_END);
  }

  onprocessinginstruction(name: string, data: string): void {
    if (!this.#valid) return;
    this.#push(INSTRUCTION, name.length, data.length);
    this.#strings += name + data;
    this.#lastWasText = false;
  }

  /** The recording is incomplete (the scan stopped early): none is given. */
  abandon(): void {
    this.#valid = false;
    this.#ops = new Int32Array(0);
    this.#strings = '';
  }

  /** The events recorded, or null when the document was not recorded whole. */
  events(): HtmlEvents | null {
    return this.#valid ? { ops: this.#ops.slice(0, this.#length), strings: this.#strings } : null;
  }

  #op(code: number): void {
    if (!this.#valid) return;
    this.#push(code);
    this.#lastWasText = false;
  }

  /** Appends up to three values (fixed arity: a rest parameter would be an array per event). */
  #push(a: number, b = -1, c = -1): void {
    if (this.#length + 3 > this.#ops.length) {
      const grown = new Int32Array(this.#ops.length * 2);
      grown.set(this.#ops);
      this.#ops = grown;
    }
    const ops = this.#ops;
    ops[this.#length++] = a;
    if (b >= 0) ops[this.#length++] = b;
    if (c >= 0) ops[this.#length++] = c;
  }
}

/** The document the recorded events build: the same nodes, names, attributes and texts as parsing the HTML. */
export function replayHtml({ ops, strings }: HtmlEvents): Document {
  const handler = new DomHandler();
  let at = 0;
  const take = (length: number) => strings.slice(at, (at += length));
  for (let i = 0; i < ops.length; ) {
    switch (ops[i++]) {
      case OPEN: {
        const name = take(ops[i++]!);
        const count = ops[i++]!;
        const attribs: Record<string, string> = {};
        for (let k = 0; k < count; k++) {
          const key = take(ops[i++]!);
          attribs[key] = take(ops[i++]!);
        }
        handler.onopentag(name, attribs);
        break;
      }
      case CLOSE:
        handler.onclosetag();
        break;
      case TEXT:
        handler.ontext(take(ops[i++]!));
        break;
      case COMMENT:
        handler.oncomment(take(ops[i++]!));
        break;
      case COMMENT_END:
        handler.oncommentend();
        break;
      case CDATA_START:
        handler.oncdatastart();
        break;
      case CDATA_END:
        handler.oncdataend();
        break;
      case INSTRUCTION: {
        const name = take(ops[i++]!);
        handler.onprocessinginstruction(name, take(ops[i++]!));
        break;
      }
      default:
        throw new Error(`unknown HTML event ${ops[i - 1]}`);
    }
  }
  handler.onend();
  return handler.root;
}
