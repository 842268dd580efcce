/**
 * Text traces: one object id per line (any decimal or string token), optionally gzip- or
 * zstd-compressed (detected by the magic bytes, not the name). A line with a comma, semicolon or blank inside is
 * refused: it is a CSV trace read as the wrong format. Blank lines and `\r\n` ends are accepted, the
 * last line may lack its newline; a line may be at most MAX_LINE_BYTES long. No sizes: every object has size 1.
 */
import { lineError } from '../errors.js';
import type { OpenSink, RequestSink } from './cache-trace.js';
import { MAX_LINE_BYTES, openTrace } from './compression.js';

const tooLong = (file: string, line: number) =>
  lineError(file, line, `the line is longer than ${MAX_LINE_BYTES / (1 << 20)} MiB (not a text trace? a binary trace needs --format oracle)`);

const isSpace = (c: number) => c === 32 || c === 9 || c === 13;

export async function readTextTrace<S extends RequestSink>(file: string, open: OpenSink<S>): Promise<S> {
  const stream = await openTrace(file);
  const out = open({ sizes: false, times: false });
  let line = 0;
  // Reads bytes [start, end) of buf as one line: a pure decimal id is parsed in place, without
  // making a string; anything else goes through IdMap.token().
  const takeLine = (buf: Buffer, start: number, end: number) => {
    line++;
    if (end - start > MAX_LINE_BYTES) throw tooLong(file, line);
    while (start < end && isSpace(buf[start])) start++;
    while (end > start && isSpace(buf[end - 1])) end--;
    if (start === end) return;
    let value = 0, i = start;
    for (; i < end; i++) {
      const d = buf[i] - 48;
      if (d < 0 || d > 9) break;
      value = value * 10 + d;
    }
    if (i === end && value <= Number.MAX_SAFE_INTEGER && end - start <= 15) {
      out.push(out.ids.number(value));
      return;
    }
    const token = buf.toString('latin1', start, end);
    if (/[\s,;]/.test(token)) {
      throw lineError(file, line, `expected one id per line, got "${token}" (a CSV trace? use --format csv and --id-col)`);
    }
    out.push(out.ids.token(token));
  };
  let carry: Buffer | undefined;
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    // A UTF-8 byte-order mark is not part of the first id.
    let start = first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    first = false;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      takeLine(buf, start, nl);
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : undefined;
    // Checked as the line grows, not once it ends: a file with no newline would be gathered whole.
    if (carry && carry.length > MAX_LINE_BYTES) throw tooLong(file, line + 1);
  }
  if (carry) takeLine(carry, 0, carry.length);
  return out;
}
