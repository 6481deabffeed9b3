/** zod issues as the contract check reads them (zod/mini carries codes but only generic messages). */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message?: string;
  expected?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  values?: unknown[];
  keys?: string[];
  format?: string;
  errors?: Issue[][];
}

export function describeIssues(issues: Issue[], prefix: PropertyKey[] = []): Array<{ at: string; message: string }> {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      return describeIssues(closestBranch(issue.errors), path);
    }
    return [{ at: formatPath(path), message: describe(issue) }];
  });
}

/**
 * For a union (e.g. the component or callback kinds) report the branch the value was meant to be:
 * one whose `type` matched, else the one with the fewest complaints.
 */
function closestBranch(branches: Issue[][]): Issue[] {
  const typeMatched = branches.filter((issues) => !issues.some((i) => i.path.length === 1 && i.path[0] === 'type'));
  const candidates = typeMatched.length > 0 ? typeMatched : branches;
  return candidates.reduce((best, issues) => (issues.length < best.length ? issues : best));
}

function describe(issue: Issue): string {
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
  switch (issue.code) {
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${unit}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${unit}`;
    case 'invalid_type':
      return `expected ${issue.expected ?? 'another type'}`;
    case 'invalid_value':
      return `expected one of ${JSON.stringify(issue.values ?? [])}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes (unknown type?)';
    case 'invalid_format':
      return `not a valid ${issue.format ?? 'value'}`;
    case 'unrecognized_keys':
      return `unknown keys ${JSON.stringify(issue.keys ?? [])}`;
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : issue.code;
  }
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}
