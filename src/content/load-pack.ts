import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { crossCheck, curriculumCheck, formatPath, type Finding } from './cross-check.js';
import { MAX_PACK_FILE_BYTES, evaluateDocument, parseContentDocument, parseContentText, type ContentProblem } from './parse-file.js';
import { packShape, type Pack } from './schema.js';
import { importTriviaList, type TriviaOutcome } from './trivia-import.js';
import { isTriviaDocument, readTriviaList } from './trivia-list.js';

export type { ContentProblem };

export interface LoadedPack {
  pack: Pack;
  /** sha256 of the validated pack: equal hashes mean a reload would change nothing. */
  hash: string;
  files: string[];
  /** Rules a shipped curriculum must meet; an imported quiz list may ignore them. */
  warnings: ContentProblem[];
  /** Set when the file was a trivia list: what of it was left out, and how many questions made it. */
  trivia?: TriviaOutcome;
}

export type LoadResult = ({ ok: true } & LoadedPack) | { ok: false; problems: ContentProblem[] };

const PACK_FILES = ['pack.yaml', 'pack.yml', 'pack.json'];
const CONTENT_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Loads a pack from a folder holding pack.yaml (stages inline, or listed as files beside it) or from one file. */
export function loadPackFromPath(path: string): LoadResult {
  if (!existsSync(path)) return problem(path, `does not exist: give a pack folder (holding pack.yaml) or a pack file`);
  if (!statSync(path).isDirectory()) return loadPackFile(path, resolve(path, '..'));
  const manifest = PACK_FILES.map((name) => join(path, name)).find((file) => existsSync(file));
  if (!manifest) return problem(path, `holds no ${PACK_FILES.join(' or ')}`);
  return loadPackFile(manifest, resolve(path));
}

function loadPackFile(file: string, root: string): LoadResult {
  const read = readContentFile(file, readPackText);
  if (!read.ok) return read;
  return withTrivia(read.trivia, validatePack(read.value, file, (entry) => {
    const target = resolve(root, entry);
    if (!target.startsWith(root + sep) || !CONTENT_EXTENSIONS.has(extname(target))) {
      return { ok: false, problems: [{ file, path: '(stages)', message: `"${entry}" must be a .yaml, .yml or .json file inside the pack folder` }] };
    }
    return readContentFile(displayPath(target));
  }));
}

/** Validates text received as one file (an upload): a pack with inline stages, or a Red-DiscordBot trivia list. */
export function loadPackFromText(text: string, fileName: string): LoadResult {
  const read = readPackText(text, fileName);
  return read.ok ? withTrivia(read.trivia, validatePack(read.value, fileName)) : read;
}

type Read = { ok: true; value: unknown; trivia?: TriviaOutcome } | { ok: false; problems: ContentProblem[] };

/** An upload and a file given to content:check are read alike: a pack, or a trivia list turned into one. */
function readPackText(text: string, file: string): Read {
  // A trivia list may repeat a key (its importer keeps the first); a pack may not, so it is parsed again strictly.
  const parsed = parseContentDocument(text, file, { uniqueKeys: false });
  if (!parsed.ok) return parsed;
  if (!isTriviaDocument(parsed.doc)) return parseContentText(text, file);
  const safe = evaluateDocument(parsed.doc, file);
  if (!safe.ok) return safe;
  const { pack, ...outcome } = importTriviaList(readTriviaList(parsed.doc, parsed.lineAt), file, basename(file));
  if (outcome.imported === 0) {
    const none = { file, path: '(file)', message: `is a trivia list, but none of its ${outcome.entries} questions can be asked` };
    return { ok: false, problems: [...outcome.leftOut, none] };
  }
  return { ok: true, value: pack, trivia: outcome };
}

function withTrivia(trivia: TriviaOutcome | undefined, result: LoadResult): LoadResult {
  return result.ok && trivia ? { ...result, trivia } : result;
}

type StageReader = (entry: string) => { ok: true; value: unknown; file?: string } | { ok: false; problems: ContentProblem[] };
type ReadFile = (Extract<Read, { ok: true }> & { file: string }) | Extract<Read, { ok: false }>;

function readContentFile(file: string, readText: (text: string, file: string) => Read = parseContentText): ReadFile {
  if (!existsSync(file)) return { ok: false, problems: [{ file, path: '(file)', message: 'does not exist' }] };
  if (statSync(file).size > MAX_PACK_FILE_BYTES) {
    return { ok: false, problems: [{ file, path: '(file)', message: `is larger than ${MAX_PACK_FILE_BYTES} bytes` }] };
  }
  const parsed = readText(readFileSync(file, 'utf8'), file);
  return parsed.ok ? { ...parsed, file } : parsed;
}

function validatePack(root: unknown, packFile: string, readStage?: StageReader): LoadResult {
  const problems: ContentProblem[] = [];
  const stageFiles: string[] = [];
  const files = [packFile];
  if (isRecord(root) && Array.isArray(root.stages)) {
    root = {
      ...root,
      stages: root.stages.map((entry: unknown, i: number) => {
        stageFiles[i] = packFile;
        if (typeof entry !== 'string') return entry;
        if (!readStage) {
          problems.push({ file: packFile, path: `stages[${i}]`, message: 'names a file, but an uploaded pack must hold its stages inline' });
          return entry;
        }
        const read = readStage(entry);
        if (!read.ok) {
          problems.push(...read.problems);
          return undefined;
        }
        stageFiles[i] = read.file ?? entry;
        files.push(stageFiles[i]!);
        return read.value;
      }),
    };
  }
  if (problems.length > 0) return { ok: false, problems };

  const where = (path: readonly PropertyKey[]) =>
    path[0] === 'stages' && typeof path[1] === 'number' ? (stageFiles[path[1]] ?? packFile) : packFile;
  const toProblem = (finding: { path: readonly PropertyKey[]; message: string }): ContentProblem => ({
    file: where(finding.path),
    path: formatPath(finding.path),
    message: finding.message,
  });

  const parsed = packShape.safeParse(root, {
    error: (issue) => (issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined),
  });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map(toProblem) };
  const findings: Finding[] = crossCheck(parsed.data);
  if (findings.length > 0) return { ok: false, problems: findings.map(toProblem) };
  return {
    ok: true,
    pack: parsed.data,
    hash: createHash('sha256').update(JSON.stringify(parsed.data)).digest('hex'),
    files,
    warnings: curriculumCheck(parsed.data).map(toProblem),
  };
}

/** Paths inside the working directory are shown relative to it, as a person typed them. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(file: string, message: string): LoadResult {
  return { ok: false, problems: [{ file, path: '(file)', message }] };
}
