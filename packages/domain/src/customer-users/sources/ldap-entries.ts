import { isUtf8 } from "node:buffer";
import {
  type BerReader,
  type Client,
  type Entry,
  InvalidAsn1Error,
  ProtocolOperation,
  SearchEntry,
  SearchRequest,
} from "ldapts";

/**
 * What a user search keeps of each entry: the DN and the first value of each wanted attribute,
 * by slot. Everything else in the entry is skipped undecoded.
 */
export class EntryShape {
  /** Attribute names as the server spelled them, with their slots, by length in bytes. */
  private readonly byLength: { name: string; slot: number }[][] = [];
  private known = 0;

  constructor(
    /** How many slots an entry has. */
    readonly slots: number,
    /** The slot of an attribute as the server spells it, or -1 for one not wanted. */
    private readonly slotOf: (type: string) => number,
    /** A value's bytes `[start, end)` of `bytes` as the string the source keeps for `slot`. */
    readonly decode: (slot: number, bytes: Buffer, start: number, end: number) => string,
  ) {}

  /**
   * The slot of the attribute type in bytes [start, end): the server names the same few attributes
   * in every entry, so a name seen before is recognised by its bytes, without a string.
   */
  slotAt(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    const candidates = this.byLength[length];
    if (candidates) {
      for (const known of candidates) if (sameText(known.name, bytes, start, end)) return known.slot;
    }
    const name = bytes.toString("utf8", start, end);
    const slot = this.slotOf(name);
    // Servers spell back the names asked for (or a few variants); the bound guards against any other.
    if (this.known < 1000) {
      this.known++;
      if (candidates) candidates.push({ name, slot });
      else this.byLength[length] = [{ name, slot }];
    }
    return slot;
  }
}

/**
 * Whether bytes [start, end) are `text`, compared byte by character code: only an ASCII name can
 * match (one with other characters decodes to fewer characters than bytes, or to U+FFFD), so such
 * a name is looked up by its string every time, which is slower but right.
 */
function sameText(text: string, bytes: Buffer, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

/**
 * A SearchResultEntry read straight into its DN and a value (or undefined) per slot. ldapts's own
 * SearchEntry decodes every value of every attribute into a string and a Buffer (with an
 * Attribute, two arrays and a slice each) and copies them into an object per entry; a search reads
 * every matching entry to sort them, and that work and its garbage were most of the CPU time of a
 * large search.
 */
export class RawSearchEntry extends SearchEntry {
  values: (string | undefined)[] = NONE;

  constructor(
    messageId: number,
    private readonly shape: EntryShape,
  ) {
    super({ messageId });
  }

  override parseMessage(reader: BerReader): void {
    readEntry(reader, this.shape, this);
  }

  /** ldapts hands each entry of a page over through toObject: the entry itself, read already. */
  override toObject(): Entry {
    return this as unknown as Entry;
  }
}

const NONE: (string | undefined)[] = [];

/** The part of ldapts's message parser this replaces for user searches. */
interface ParserInternals {
  _getMessageFromProtocolOperation(
    messageId: number,
    operation: number,
    reader: BerReader,
    request: object | undefined,
  ): object;
}

/**
 * Makes `client` read the entries of the searches `shapeFor` names (by their request) into
 * RawSearchEntry objects; every other message is parsed by ldapts as before. This replaces one
 * step of ldapts's message parser on this client only (a private method; ldapts is pinned to a
 * minor version, and test/ldap/ldap-entries.test.ts fails if the step is gone or reads
 * differently). Returns false when this ldapts has no such step: the searches then come back as
 * ordinary entries, slower but the same.
 */
export function readEntriesRaw(
  client: Client,
  shapeFor: (request: SearchRequest) => EntryShape | null,
): boolean {
  const parser = (client as unknown as { messageParser?: ParserInternals }).messageParser;
  const generic = parser?._getMessageFromProtocolOperation;
  if (!parser || typeof generic !== "function") return false;
  parser._getMessageFromProtocolOperation = function (messageId, operation, reader, request) {
    if (operation === ProtocolOperation.LDAP_RES_SEARCH_ENTRY && request instanceof SearchRequest) {
      const shape = shapeFor(request);
      if (shape) {
        const entry = new RawSearchEntry(messageId, shape);
        entry.parse(reader, request.controls ?? []);
        return entry;
      }
    }
    return generic.call(this, messageId, operation, reader, request);
  };
  return true;
}

const OCTET_STRING = 0x04;
const SEQUENCE = 0x30;
const SET = 0x31;

/** Where reading is in the message: after `enter`, the first byte of the element's content. */
let pos = 0;

/** Reads a SearchResultEntry's body (RFC 4511 4.5.2) from the reader's position to its end. */
function readEntry(reader: BerReader, shape: EntryShape, entry: RawSearchEntry): void {
  const bytes = reader.buffer;
  const end = reader.offset + reader.length;
  pos = reader.offset;
  const dnEnd = enter(bytes, end, OCTET_STRING);
  entry.name = bytes.toString("utf8", pos, dnEnd);
  pos = dnEnd;
  const values: (string | undefined)[] = new Array(shape.slots).fill(undefined);
  const attributesEnd = enter(bytes, end, SEQUENCE);
  while (pos < attributesEnd) {
    const attributeEnd = enter(bytes, attributesEnd, SEQUENCE);
    const typeEnd = enter(bytes, attributeEnd, OCTET_STRING);
    const slot = shape.slotAt(bytes, pos, typeEnd);
    pos = typeEnd;
    // OTOBO takes the first value of a multi-valued attribute; the others are not decoded.
    if (slot >= 0 && values[slot] === undefined && pos < attributeEnd && bytes[pos] === SET) {
      const setEnd = enter(bytes, attributeEnd, SET);
      if (pos < setEnd) {
        const valueEnd = enter(bytes, setEnd, OCTET_STRING);
        values[slot] = shape.decode(slot, bytes, pos, valueEnd);
      }
    }
    pos = attributeEnd;
  }
  entry.values = values;
  reader.offset = attributesEnd;
}

/**
 * Reads the tag (which must be `tag`) and length of the element at pos, which must end by `end`;
 * leaves pos at its content and returns where it ends.
 */
function enter(bytes: Buffer, end: number, tag: number): number {
  if (pos + 2 > end) throw new InvalidAsn1Error("Search entry ends early");
  const found = bytes[pos] as number;
  if (found !== tag)
    throw new InvalidAsn1Error(`Expected 0x${tag.toString(16)}: got 0x${found.toString(16)}`);
  let length = bytes[pos + 1] as number;
  pos += 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new InvalidAsn1Error("Unsupported length in a search entry");
    if (pos + count > end) throw new InvalidAsn1Error("Search entry ends early");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos + i] as number);
    pos += count;
  }
  const elementEnd = pos + length;
  if (elementEnd > end) throw new InvalidAsn1Error("Search entry ends early");
  return elementEnd;
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * UTF-8 bytes as ldapts decodes them: a byte order mark is dropped from valid UTF-8 (its
 * TextDecoder does that), invalid sequences become U+FFFD.
 */
export function utf8Text(bytes: Buffer, start: number, end: number): string {
  if (
    end - start >= 3 &&
    bytes[start] === BOM[0] &&
    bytes[start + 1] === BOM[1] &&
    bytes[start + 2] === BOM[2] &&
    isUtf8(bytes.subarray(start, end))
  ) {
    return bytes.toString("utf8", start + 3, end);
  }
  return bytes.toString("utf8", start, end);
}
