import { LineCounter, parseDocument, type Document } from 'yaml';

/** An uploaded or bundled pack file is never this large; refusing early keeps memory bounded. */
export const MAX_PACK_FILE_BYTES = 2 * 1024 * 1024;
/** Aliases are legitimate in YAML but a handful suffice; thousands are an expansion attack. */
const MAX_ALIAS_COUNT = 100;

export interface ContentProblem {
  file: string;
  path: string;
  message: string;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; problems: ContentProblem[] };

export type ParsedDocument =
  | { ok: true; doc: Document.Parsed; lineAt: (offset: number) => number }
  | { ok: false; problems: ContentProblem[] };

/**
 * Parses YAML or JSON (JSON is YAML) into a document without evaluating it. With `uniqueKeys: false` a repeated
 * key is not an error, so a caller that can do better than refusing the file (a trivia list) decides what it means.
 */
export function parseContentDocument(text: string, file: string, { uniqueKeys = true } = {}): ParsedDocument {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PACK_FILE_BYTES) {
    return fail(file, '(file)', `is ${bytes} bytes; a pack file may be at most ${MAX_PACK_FILE_BYTES} bytes. Split stages into separate files.`);
  }
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { uniqueKeys, prettyErrors: true, strict: true, lineCounter });
    if (doc.errors.length > 0) {
      return {
        ok: false,
        problems: doc.errors.map((error) => ({
          file,
          path: error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : '(file)',
          message: `is not valid YAML/JSON: ${error.message.split('\n')[0]}`,
        })),
      };
    }
    return { ok: true, doc, lineAt: (offset) => lineCounter.linePos(offset).line };
  } catch (error) {
    return unsafe(file, error);
  }
}

/** Parses YAML or JSON text into plain values, turning every syntax or safety failure (a repeated key too) into a problem. */
export function parseContentText(text: string, file: string): Parsed {
  const parsed = parseContentDocument(text, file);
  return parsed.ok ? evaluateDocument(parsed.doc, file) : parsed;
}

/** The document's plain value; also the safety check (alias expansion) for a caller that walks the nodes itself. */
export function evaluateDocument(doc: Document.Parsed, file: string): Parsed {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    return unsafe(file, error);
  }
}

/** Alias expansion and pathological nesting surface as exceptions from the parser. */
function unsafe(file: string, error: unknown): { ok: false; problems: ContentProblem[] } {
  const reason = error instanceof RangeError ? 'is nested too deeply' : (error as Error).message.split('\n')[0];
  return fail(file, '(file)', `cannot be read safely: ${reason}`);
}

function fail(file: string, path: string, message: string): { ok: false; problems: ContentProblem[] } {
  return { ok: false, problems: [{ file, path, message }] };
}
