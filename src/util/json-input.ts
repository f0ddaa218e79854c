/**
 * Reading a JSON document a user handed us (a file or stdin), with a one-line reason for every way
 * it can be unusable. The limits keep memory bounded whatever the input.
 */
import { readFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { UsageError } from './errors.js';
import { firstWinsReading } from './json-names.js';

export const MAX_INPUT_BYTES = 32 * 1024 * 1024;
export const MAX_NESTING_DEPTH = 256;

export async function readJsonDocument(source: string, stdin: NodeJS.ReadableStream = process.stdin): Promise<unknown> {
  const label = source === '-' ? 'stdin' : source;
  const bytes = source === '-' ? await readStream(stdin, label) : await readFileBounded(source);
  return parseJsonDocument(bytes, label);
}

export function parseJsonDocument(bytes: Uint8Array, label: string): unknown {
  if (bytes.length === 0) throw new UsageError(`${label} is empty; expected a JSON document`);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new UsageError(`${label} starts with a UTF-8 byte-order mark, which JSON forbids; save it without a BOM`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${label} is not valid UTF-8`);
  }
  if (text.trim() === '') throw new UsageError(`${label} holds only white space; expected a JSON document`);
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING_DEPTH) throw new UsageError(`${label} nests deeper than ${MAX_NESTING_DEPTH} levels (${depth})`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label} is not valid JSON: ${firstLine((error as Error).message)}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) throw new UsageError(`${label}: duplicate key ${JSON.stringify(duplicate.key)} in the object at ${duplicate.pointer || '/'} (JSON parsers disagree on which value wins)`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`${label}: the top-level JSON value must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}`);
  }
  return value;
}

/** The first key that appears twice in one object, with the pointer of that object. `text` is valid JSON (already parsed). */
export function firstDuplicateKey(text: string): { key: string; pointer: string } | undefined {
  const first = firstWinsReading(text).repeated[0];
  return first && { key: first.name, pointer: first.pointer };
}

/** Deepest bracket nesting, counted outside strings, without parsing. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

async function readFileBounded(path: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${reason(error)}`);
  }
  if (info.isDirectory()) throw new UsageError(`cannot read ${path}: it is a directory`);
  if (info.size > MAX_INPUT_BYTES) throw new UsageError(`${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
  try {
    // A device or a pipe has no size to trust (/dev/zero never ends): read it through the same cap.
    if (!info.isFile()) return await readStream(createReadStream(path), path);
    return await readFile(path);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${reason(error)}`);
  }
}

async function readStream(stream: NodeJS.ReadableStream, label: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new UsageError(`${label} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return firstLine((error as Error).message);
}

export function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
