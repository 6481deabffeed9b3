import { isAlias, isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import { packShape } from './schema.js';

/**
 * A Red-DiscordBot trivia list as written: a YAML map of question -> accepted answers (free text), with optional
 * AUTHOR, DESCRIPTION and CONFIG keys. It is read from the parsed document rather than from plain values so that
 * every entry keeps its line, and a key written twice is seen twice instead of the later one silently winning.
 */
export interface TriviaList {
  author?: Credit;
  about?: Credit;
  entries: TriviaEntry[];
}

export interface Credit {
  text: string;
  line: number;
}

export interface TriviaEntry {
  /** The key as text; undefined when the key is not a plain value (a list or map used as a key). */
  prompt: string | undefined;
  line: number;
  /** Non-empty answers as text; undefined when the value is not a list. */
  answers: string[] | undefined;
}

const RESERVED = new Set(['AUTHOR', 'CONFIG', 'DESCRIPTION']);
const PACK_KEYS = new Set(Object.keys(packShape.shape));

/** A map holding no pack field and at least one question with a list of answers. */
export function isTriviaDocument(doc: Document.Parsed): boolean {
  const root = doc.contents;
  if (!isMap(root)) return false;
  const keys = root.items.map((pair) => keyText(pair.key));
  if (keys.some((key) => key !== undefined && PACK_KEYS.has(key))) return false;
  return root.items.some((pair, i) => !RESERVED.has(keys[i] ?? '') && isSeq(pair.value));
}

/**
 * Every question entry in file order, repeats included; of AUTHOR and DESCRIPTION the first is taken.
 * Aliases are followed one step; the caller has already checked that the document expands safely.
 */
export function readTriviaList(doc: Document.Parsed, lineAt: (offset: number) => number): TriviaList {
  const list: TriviaList = { entries: [] };
  const root = doc.contents;
  if (!isMap(root)) return list;
  const follow = (node: unknown) => (isAlias(node) ? node.resolve(doc) : node);
  for (const pair of root.items) {
    const key = keyText(pair.key);
    const line = isNode(pair.key) && pair.key.range ? lineAt(pair.key.range[0]) : 0;
    const value = follow(pair.value);
    if (key === 'AUTHOR' || key === 'DESCRIPTION') {
      const text = scalarText(value) ?? '';
      const field = key === 'AUTHOR' ? 'author' : 'about';
      if (!list[field] && text) list[field] = { text, line };
      continue;
    }
    if (key !== undefined && RESERVED.has(key)) continue;
    // Red writes answers as strings, numbers or booleans; anything else cannot be typed as an answer.
    const answers = isSeq(value) ? value.items.map((item) => scalarText(follow(item)) ?? '').filter(Boolean) : undefined;
    list.entries.push({ prompt: key, line, answers });
  }
  return list;
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null ? '' : String(key.value);
}

function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === 'object') return undefined;
  return String(node.value).trim();
}
