/**
 * A tolerant reader for the part of Perl that OTOBO's `Kernel/Config.pm` uses for its settings:
 * `$Self->{Key} = value;` (also `$Self->{A}->{B} = value;`) where the value is built from nested
 * hashes `{}`, arrays `[]`, lists `()`, strings in '' and "" (and q//, qq//, qw//), numbers, `undef`,
 * `=>`, commas (trailing ones too), string concatenation with `.`, and `#` comments / POD. Anything
 * else — code, variables, function calls — is kept as an {@link PerlExpression} so the caller can
 * say which key it could not read, instead of failing the whole file.
 */

export type PerlValue = string | number | null | PerlValue[] | PerlHash | PerlExpression;
export interface PerlHash {
  [key: string]: PerlValue;
}
/** A value the reader did not understand; `text` is the source it spans. */
export class PerlExpression {
  constructor(
    readonly text: string,
    readonly line: number,
  ) {}
}

export interface PerlAssignment {
  /** `$Self->{CustomerUser}->{Params}` → ["CustomerUser", "Params"]. */
  path: string[];
  value: PerlValue;
  line: number;
}

type TokenType = "var" | "str" | "num" | "word" | "list" | "punct" | "other";
interface Token {
  type: TokenType;
  value: string;
  /** For `list` (qw): the words. */
  words?: string[];
  /** A double-quoted string that interpolates a variable. */
  interpolates?: boolean;
  line: number;
  start: number;
  end: number;
}

const CLOSERS: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const n = source.length;
  const atLineStart = (pos: number) => pos === 0 || source[pos - 1] === "\n";
  const push = (type: TokenType, value: string, start: number, extra: Partial<Token> = {}) =>
    tokens.push({ type, value, line, start, end: i, ...extra });
  /** Reads a delimited body starting after the opening delimiter; nesting for bracket pairs. */
  const readDelimited = (open: string): string => {
    const close = CLOSERS[open] ?? open;
    let depth = 1;
    let out = "";
    while (i < n) {
      const c = source[i]!;
      if (c === "\\" && i + 1 < n) {
        out += c + source[i + 1];
        if (source[i + 1] === "\n") line += 1;
        i += 2;
        continue;
      }
      if (c === "\n") line += 1;
      if (c === close && close !== open) depth -= 1;
      else if (c === open && close !== open) depth += 1;
      else if (c === close) depth -= 1;
      i += 1;
      if (depth === 0) return out;
      out += c;
    }
    return out;
  };
  const singleQuoted = (raw: string, delimiter: string) =>
    raw.replace(/\\(.)/gs, (m, c: string) => (c === "\\" || c === delimiter ? c : m));
  const doubleQuoted = (raw: string) =>
    raw.replace(/\\(.)/gs, (_m, c: string) =>
      c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c,
    );
  const interpolates = (raw: string) => /(^|[^\\])[$@][A-Za-z_{]/.test(raw);

  while (i < n) {
    const c = source[i]!;
    const start = i;
    if (c === "\n") {
      line += 1;
      i += 1;
      continue;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    // POD: from a line starting with =word to a line starting with =cut.
    if (c === "=" && atLineStart(i) && /[A-Za-z]/.test(source[i + 1] ?? "")) {
      const cut = source.indexOf("\n=cut", i);
      const end = cut < 0 ? n : source.indexOf("\n", cut + 1) < 0 ? n : source.indexOf("\n", cut + 1);
      line += (source.slice(i, end).match(/\n/g) ?? []).length;
      i = end;
      continue;
    }
    if (c === "#") {
      while (i < n && source[i] !== "\n") i += 1;
      continue;
    }
    if (source.startsWith("__END__", i) || source.startsWith("__DATA__", i)) break;
    if (c === "'" || c === '"') {
      i += 1;
      const raw = readDelimited(c);
      if (c === "'") push("str", singleQuoted(raw, "'"), start);
      else push("str", doubleQuoted(raw), start, { interpolates: interpolates(raw) });
      continue;
    }
    if (c === "$" || c === "@" || c === "%") {
      i += 1;
      while (i < n && /[A-Za-z0-9_:]/.test(source[i]!)) i += 1;
      push("var", source.slice(start, i), start);
      continue;
    }
    if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(source[i + 1] ?? ""))) {
      while (i < n && /[0-9._eE]/.test(source[i]!)) i += 1;
      push("num", source.slice(start, i).replace(/_/g, ""), start);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && (/[A-Za-z0-9_]/.test(source[i]!) || source.startsWith("::", i))) {
        i += source.startsWith("::", i) ? 2 : 1;
      }
      const word = source.slice(start, i);
      // q(), qq(), qw() quote-like operators (not when used as a hash key: `q => 1`).
      let j = i;
      while (j < n && /[ \t]/.test(source[j]!)) j += 1;
      const delimiter = source[j];
      if (
        (word === "q" || word === "qq" || word === "qw") &&
        delimiter !== undefined &&
        /[^\sA-Za-z0-9_,;=]/.test(delimiter) &&
        !source.startsWith("=>", j)
      ) {
        i = j + 1;
        const raw = readDelimited(delimiter);
        if (word === "qw") push("list", word, start, { words: raw.split(/\s+/).filter(Boolean) });
        else if (word === "q") push("str", singleQuoted(raw, CLOSERS[delimiter] ?? delimiter), start);
        else push("str", doubleQuoted(raw), start, { interpolates: interpolates(raw) });
        continue;
      }
      push("word", word, start);
      continue;
    }
    if (source.startsWith("=>", i) || source.startsWith("->", i)) {
      i += 2;
      push("punct", source.slice(start, i), start);
      continue;
    }
    if ("{}[](),;=.-".includes(c)) {
      i += 1;
      push("punct", c, start);
      continue;
    }
    i += 1;
    push("other", c, start);
  }
  return tokens;
}

class Reader {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  get done() {
    return this.pos >= this.tokens.length;
  }
  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  next(): Token | undefined {
    return this.tokens[this.pos++];
  }
  isPunct(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === "punct" && t.value === value;
  }

  /** Skips to just after the next `;` at nesting depth 0 (an unreadable statement). */
  skipStatement(): void {
    let depth = 0;
    while (!this.done) {
      const t = this.next()!;
      if (t.type !== "punct") continue;
      if ("{[(".includes(t.value)) depth += 1;
      else if ("}])".includes(t.value)) depth = Math.max(0, depth - 1);
      else if (t.value === ";" && depth === 0) return;
    }
  }

  /** `$Self->{A}->{B} =` at the current position: the path, or null (position unchanged). */
  assignmentTarget(): string[] | null {
    const save = this.pos;
    const first = this.peek();
    if (first?.type !== "var" || first.value !== "$Self") return null;
    this.pos += 1;
    const path: string[] = [];
    for (;;) {
      if (this.isPunct("->")) this.pos += 1;
      if (!this.isPunct("{")) break;
      const key = this.peek(1);
      if (!key || !["str", "word", "num"].includes(key.type) || !this.isPunct("}", 2)) {
        this.pos = save;
        return null;
      }
      path.push(key.value);
      this.pos += 3;
    }
    if (path.length === 0 || !this.isPunct("=") || this.isPunct("=", 1)) {
      this.pos = save;
      return null;
    }
    this.pos += 1;
    return path;
  }

  /** One value; on anything unknown, the whole expression up to `,` `;` or a closer is kept as text. */
  value(): PerlValue {
    const startToken = this.peek();
    const parsed = this.term();
    if (parsed !== undefined) {
      let result = parsed;
      // String concatenation: 'a' . 'b'
      while (this.isPunct(".") && typeof result === "string") {
        this.pos += 1;
        const right = this.term();
        if (typeof right !== "string" && typeof right !== "number") return this.expressionFrom(startToken);
        result = result + String(right);
      }
      // Arithmetic on numbers, e.g. CacheTTL => 60 * 60 * 24.
      if (typeof result === "number") {
        const arithmetic = this.arithmetic(result);
        if (arithmetic === undefined) return this.expressionFrom(startToken);
        result = arithmetic;
      }
      if (this.atValueEnd()) return result;
    }
    return this.expressionFrom(startToken);
  }

  /** `first (op number)*` with * / before + -; undefined when an operand is not a number. */
  private arithmetic(first: number): number | undefined {
    const isOperator = (t: Token | undefined) =>
      (t?.type === "other" && "*/+".includes(t.value) && t.value.length === 1) ||
      (t?.type === "punct" && t.value === "-");
    if (!isOperator(this.peek())) return first;
    const terms: number[] = [first];
    const operators: string[] = [];
    while (isOperator(this.peek())) {
      const operator = this.next()!.value;
      const operand = this.peek();
      if (operand?.type !== "num") return undefined;
      this.pos += 1;
      operators.push(operator);
      terms.push(Number(operand.value));
    }
    const sums: number[] = [terms[0]!];
    const signs: string[] = [];
    operators.forEach((operator, index) => {
      const value = terms[index + 1]!;
      if (operator === "*") sums[sums.length - 1]! *= value;
      else if (operator === "/") sums[sums.length - 1]! /= value;
      else {
        signs.push(operator);
        sums.push(value);
      }
    });
    return sums
      .slice(1)
      .reduce((total, value, index) => (signs[index] === "+" ? total + value : total - value), sums[0]!);
  }

  private atValueEnd(): boolean {
    const t = this.peek();
    return !t || (t.type === "punct" && [",", "=>", ";", "}", "]", ")"].includes(t.value));
  }

  private expressionFrom(startToken: Token | undefined): PerlExpression {
    if (!startToken) return new PerlExpression("", 0);
    const from = this.tokens.indexOf(startToken);
    this.pos = from;
    let depth = 0;
    let last = startToken;
    while (!this.done) {
      const t = this.peek()!;
      if (t.type === "punct") {
        if ("{[(".includes(t.value)) depth += 1;
        else if ("}])".includes(t.value)) {
          if (depth === 0) break;
          depth -= 1;
        } else if ((t.value === "," || t.value === ";" || t.value === "=>") && depth === 0) break;
      }
      last = t;
      this.pos += 1;
    }
    if (this.pos === from) return new PerlExpression("", startToken.line);
    return new PerlExpression(this.source.slice(startToken.start, last.end).trim(), startToken.line);
  }

  /** A simple term, or undefined when the next tokens are not one. */
  private term(): PerlValue | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.type === "str") {
      if (t.interpolates) return undefined;
      this.pos += 1;
      return t.value;
    }
    if (t.type === "num") {
      this.pos += 1;
      return Number(t.value);
    }
    if (t.type === "punct" && t.value === "-" && this.peek(1)?.type === "num") {
      this.pos += 2;
      return -Number(this.tokens[this.pos - 1]!.value);
    }
    if (t.type === "list") {
      this.pos += 1;
      return [...(t.words ?? [])];
    }
    if (t.type === "word" && t.value === "undef") {
      this.pos += 1;
      return null;
    }
    // Translatable('Title') marks a label for translation; its value is the string.
    if (
      t.type === "word" &&
      t.value === "Translatable" &&
      this.isPunct("(", 1) &&
      this.peek(2)?.type === "str" &&
      !this.peek(2)?.interpolates &&
      this.isPunct(")", 3)
    ) {
      this.pos += 4;
      return this.tokens[this.pos - 2]!.value;
    }
    // A bareword followed by => is a string (a hash key used as a value is rare but legal).
    if (t.type === "word" && this.isPunct("=>", 1)) {
      this.pos += 1;
      return t.value;
    }
    if (t.type === "punct" && t.value === "{") return this.hash();
    if (t.type === "punct" && (t.value === "[" || t.value === "("))
      return this.array(t.value === "[" ? "]" : ")");
    return undefined;
  }

  private hash(): PerlValue | undefined {
    const save = this.pos;
    this.pos += 1; // {
    const items = this.items("}");
    if (!items) {
      this.pos = save;
      return undefined;
    }
    const result: PerlHash = {};
    for (let k = 0; k < items.length; k += 2) {
      const key = items[k];
      if (typeof key !== "string" && typeof key !== "number") {
        this.pos = save;
        return undefined;
      }
      result[String(key)] = items[k + 1] ?? null;
    }
    return result;
  }

  private array(close: string): PerlValue | undefined {
    const save = this.pos;
    this.pos += 1;
    const items = this.items(close);
    if (!items) {
      this.pos = save;
      return undefined;
    }
    return items;
  }

  /** Comma/fat-comma separated values up to `close`; a bareword before `=>` is a string. */
  private items(close: string): PerlValue[] | undefined {
    const items: PerlValue[] = [];
    for (;;) {
      if (this.isPunct(close)) {
        this.pos += 1;
        return items;
      }
      if (this.done) return undefined;
      if (this.isPunct(",") || this.isPunct("=>")) {
        this.pos += 1;
        continue;
      }
      const t = this.peek()!;
      if (t.type === "word" && this.isPunct("=>", 1)) {
        items.push(t.value);
        this.pos += 1;
        continue;
      }
      if (t.type === "punct" && t.value === "-" && this.peek(1)?.type === "word" && this.isPunct("=>", 2)) {
        items.push(`-${this.peek(1)!.value}`);
        this.pos += 2;
        continue;
      }
      const before = this.pos;
      const value = this.value();
      if (this.pos === before || (value instanceof PerlExpression && value.text === "")) return undefined;
      // A qw() list inside a list flattens, as in Perl.
      if (t.type === "list" && Array.isArray(value)) items.push(...value);
      else if (t.type === "punct" && t.value === "(" && Array.isArray(value)) items.push(...value);
      else items.push(value);
    }
  }
}

/** Every `$Self->{…} = value;` statement of a Config.pm, in file order; other code is skipped. */
export function readPerlAssignments(source: string): PerlAssignment[] {
  const reader = new Reader(tokenize(source), source);
  const result: PerlAssignment[] = [];
  while (!reader.done) {
    const line = reader.peek()!.line;
    const path = reader.assignmentTarget();
    if (!path) {
      reader.next();
      continue;
    }
    const value = reader.value();
    result.push({ path, value, line });
    if (reader.isPunct(";")) reader.next();
    else reader.skipStatement();
  }
  return result;
}
