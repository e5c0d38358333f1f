/**
 * Who sees what. Finance (financien) and operators (beheer) see every municipality with exact counts; policy
 * advisers (beleid) see every municipality with small counts suppressed, because their views go beyond one
 * municipality; a backoffice (backoffice-<gemeentecode>) sees only its own municipality, exactly.
 */
export interface Access {
  /** The municipalities the caller may see; undefined: all. */
  readonly gemeenten?: ReadonlySet<string>;
  /** Counts 1..drempel−1 shown as "<drempel". */
  readonly onderdrukt: boolean;
}

const BACKOFFICE = /^backoffice-([0-9]{4})$/;

/** The caller's access from its groups, or null when it has none. */
export function accessFor(groups: readonly string[]): Access | null {
  if (groups.includes('beheer') || groups.includes('financien')) return { onderdrukt: false };
  if (groups.includes('beleid')) return { onderdrukt: true };
  const own = groups.flatMap((g) => BACKOFFICE.exec(g)?.[1] ?? []);
  return own.length ? { gemeenten: new Set(own), onderdrukt: false } : null;
}

export function mayRead(access: Access, gemeente: string): boolean {
  return !access.gemeenten || access.gemeenten.has(gemeente);
}

/**
 * The municipalities a request may cover: what it asked for, limited to what the caller may see. Undefined means
 * all; null means it asked for a municipality it may not see.
 */
export function allowedGemeenten(
  access: Access,
  requested: ReadonlySet<string> | undefined,
): ReadonlySet<string> | undefined | null {
  if (!access.gemeenten) return requested;
  if (!requested) return access.gemeenten;
  for (const g of requested) if (!access.gemeenten.has(g)) return null;
  return requested;
}
