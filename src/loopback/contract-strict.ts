import type { ZodMiniType } from 'zod/mini';

/** The parts of zod's internal definitions the walk needs. */
interface Def {
  type: string;
  shape?: Record<string, ZodMiniType>;
  catchall?: ZodMiniType;
  innerType?: ZodMiniType;
  element?: ZodMiniType;
  options?: ZodMiniType[];
  getter?: () => ZodMiniType;
  valueType?: ZodMiniType;
  in?: ZodMiniType;
}

/** Fields to let through although the schema lacks them. */
export type Ignore = (key: string, value: unknown) => boolean;

const defOf = (schema: ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch']);

/**
 * The generated schemas are not strict, so a misspelt field passes silently (and Discord would ignore
 * it). This walks a body that already parsed and lists fields no schema branch defines.
 */
export function unknownFields(schema: ZodMiniType, value: unknown, ignore: Ignore = () => false, at = ''): string[] {
  const def = defOf(schema);
  if (def.type === 'lazy' && def.getter) return unknownFields(def.getter(), value, ignore, at);
  if (WRAPPERS.has(def.type) && def.innerType) return unknownFields(def.innerType, value, ignore, at);
  if (def.type === 'pipe' && def.in) return unknownFields(def.in, value, ignore, at);
  if (def.type === 'union' && def.options) {
    const branch = def.options.find((option) => option.safeParse(value).success);
    return branch ? unknownFields(branch, value, ignore, at) : [];
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    return value.flatMap((item, i) => unknownFields(def.element!, item, ignore, `${at}[${i}]`));
  }
  if (def.type === 'record' && def.valueType && isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => unknownFields(def.valueType!, item, ignore, join(at, key)));
  }
  if (def.type === 'object' && def.shape && isObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = def.shape![key];
      if (field) return unknownFields(field, item, ignore, join(at, key));
      return def.catchall || ignore(key, item) ? [] : [join(at, key)];
    });
  }
  return [];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (at: string, key: string) => (at ? `${at}.${key}` : key);
