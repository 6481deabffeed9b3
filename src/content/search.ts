export interface Choice {
  name: string;
  value: string;
}

/** Discord shows at most 25 autocomplete choices. */
export const MAX_SUGGESTIONS = 25;

/**
 * Ranks items against what the member has typed so far: an exact title first, then titles starting with the
 * text, then a word starting with it, then containing it, then the letters in order (typo-tolerant).
 * Ties keep the curriculum's own order.
 */
export function rankByTitle<T extends { id: string; title: string }>(items: readonly T[], query: string, limit = MAX_SUGGESTIONS): T[] {
  const q = query.trim().toLowerCase();
  if (q === '') return items.slice(0, limit);
  const scored = items
    .map((item, index) => ({ item, index, score: score(item.title.toLowerCase(), item.id, q) }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((entry) => entry.item);
}

function score(title: string, id: string, q: string): number {
  if (title === q || id === q) return 100;
  if (title.startsWith(q)) return 80;
  if (title.split(/[\s\-:,()/]+/).some((word) => word.startsWith(q))) return 60;
  if (title.includes(q) || id.includes(q)) return 40;
  return isSubsequence(q.replace(/\s+/g, ''), title) ? 10 : 0;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let i = 0;
  for (const char of haystack) if (char === needle[i]) i += 1;
  return i === needle.length;
}

/** Finds an item by id or exact title (what autocomplete sends, or what a member typed in full). */
export function findByIdOrTitle<T extends { id: string; title: string }>(items: readonly T[], text: string): T | undefined {
  const q = text.trim().toLowerCase();
  return items.find((item) => item.id === q) ?? items.find((item) => item.title.toLowerCase() === q);
}
