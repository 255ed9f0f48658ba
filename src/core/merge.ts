// Files the tool shares with the user: it owns some entries or one section, the user the rest.

/** The package.json sections whose entries the tool manages, one entry at a time. */
const MANAGED_SECTIONS = ['scripts', 'dependencies', 'devDependencies'] as const;

type PackageJson = Record<string, unknown> & Partial<Record<(typeof MANAGED_SECTIONS)[number], Record<string, string>>>;

/**
 * The user's package.json with the tool's entries brought to `next`: entries the tool wrote
 * before but no longer produces are removed; every other key and entry stays as the user has it.
 */
export function mergePackageJson(onDisk: string, previous: string, next: string): string {
  const user = JSON.parse(onDisk) as PackageJson;
  const before = JSON.parse(previous) as PackageJson;
  const after = JSON.parse(next) as PackageJson;
  for (const section of MANAGED_SECTIONS) {
    const entries: Record<string, string> = { ...user[section] };
    for (const key of Object.keys(before[section] ?? {})) {
      if (!(key in (after[section] ?? {}))) delete entries[key];
    }
    Object.assign(entries, after[section]);
    user[section] = sortedIfSorted(entries, user[section]);
  }
  return `${JSON.stringify(user, null, 2)}\n`;
}

/** Dependencies stay alphabetical (npm keeps them so); scripts keep the user's order. */
function sortedIfSorted(entries: Record<string, string>, original: Record<string, string> | undefined): Record<string, string> {
  const keys = Object.keys(original ?? {});
  const wasSorted = keys.every((key, index) => index === 0 || keys[index - 1]!.localeCompare(key) <= 0);
  if (!wasSorted) return entries;
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)));
}
