import { parseDocument } from 'yaml';

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

/** Parses YAML or JSON (JSON is YAML) text, turning every syntax or safety failure into a problem. */
export function parseContentText(text: string, file: string): Parsed {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PACK_FILE_BYTES) {
    return fail(file, '(file)', `is ${bytes} bytes; a pack file may be at most ${MAX_PACK_FILE_BYTES} bytes. Split stages into separate files.`);
  }
  try {
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true, strict: true });
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
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // Alias expansion and pathological nesting surface as exceptions from the parser.
    const reason = error instanceof RangeError ? 'is nested too deeply' : (error as Error).message.split('\n')[0];
    return fail(file, '(file)', `cannot be read safely: ${reason}`);
  }
}

function fail(file: string, path: string, message: string): Parsed {
  return { ok: false, problems: [{ file, path, message }] };
}
