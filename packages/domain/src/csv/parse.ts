import { Parser } from "csv-parse";

/** One record of an uploaded file: the line it starts on (1 is the header) and its raw cells. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The longest cell accepted (a file without a closing quote must not eat the memory). */
const MAX_RECORD_BYTES = 1024 * 1024;

function lineBreaks(cells: string[]): number {
  let n = 0;
  for (const cell of cells)
    if (cell.includes("\n") || cell.includes("\r")) n += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return n;
}

/**
 * Reads a CSV body as it arrives (csv-parse): UTF-8, a byte-order mark is dropped, CRLF or LF, RFC 4180
 * quotes (a quoted cell may span lines). The delimiter, `,` or `;`, is the one the header line uses.
 * Empty lines are skipped; records with a different cell count than the header come through as
 * they are, for the caller to report. A syntax error ends the file with CsvSyntaxError naming its line.
 */
export async function* csvRecords(body: AsyncIterable<Buffer | string>): AsyncGenerator<CsvRecord> {
  const iterator = body[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  let ended = false;
  while (!head.includes(10) && head.length < 65_536) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = Buffer.concat([head, Buffer.from(next.value)]);
  }
  const firstLine = head.toString("utf8").split(/\r?\n/)[0] ?? "";
  const count = (c: string) => firstLine.split(c).length - 1;
  const delimiter = count(";") > count(",") ? ";" : ",";

  let queue: CsvRecord[] = [];
  let lastLine = 0;
  const parser = new Parser({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[]) => {
      const line = lastLine + 1;
      lastLine = line + lineBreaks(record);
      if (!(record.length === 1 && record[0] === "")) queue.push({ line, cells: record });
      return null;
    },
  });
  parser.on("error", () => {}); // reported through write/end below
  parser.resume();
  const write = (chunk: Buffer) =>
    new Promise<void>((resolve, reject) => parser.write(chunk, (e) => (e ? reject(e) : resolve())));
  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message.replace(/ at line \d+.*$/, "") : String(error);
    throw new CsvSyntaxError(lastLine + 1, message);
  };
  const chunks = async function* () {
    if (head.length) yield head;
    while (!ended) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.from(next.value);
    }
  };
  const drain = () => {
    const records = queue;
    queue = [];
    return records;
  };
  for await (const chunk of chunks()) {
    await write(chunk).catch(fail);
    yield* drain();
  }
  await new Promise<void>((resolve, reject) => {
    parser.once("error", reject);
    parser.end(() => resolve());
  }).catch(fail);
  yield* drain();
}
