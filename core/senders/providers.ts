// The providers the app knows: the project's catalog (validated once, read-only) followed by the
// user's own, and which provider an SPF name belongs to (so one provider's include of another's
// name is left to the other). Runtime: pure.

import { CATALOG } from './catalog';
import { providerInput, type Provider, type ProviderDefinition } from './provider-schema';

let catalog: Provider[] | undefined;

/** The catalog, validated with the schema users' providers go through (a bad entry throws). */
export function catalogProviders(): Provider[] {
  if (!catalog) {
    catalog = CATALOG.map((input) => {
      const parsed = providerInput.safeParse(input);
      if (!parsed.success)
        throw new Error(
          `catalog entry ${String((input as { id?: unknown }).id)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      return { ...parsed.data, origin: 'catalog' as const };
    });
  }
  return catalog.map((p) => ({ ...p }));
}

export function userProvider(definition: ProviderDefinition): Provider {
  return { ...definition, origin: 'user' };
}

/** Every SPF name a provider expands or owns → its id (the first provider listing it wins). */
export function spfOwners(providers: readonly Provider[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const p of providers)
    for (const n of [...p.spf, ...p.alsoOwns]) if (!owners.has(n)) owners.set(n, p.id);
  return owners;
}

/** For expandSpf's ownerOf: another provider's name, or undefined for this provider's own. */
export function ownerOfFor(
  providerId: string,
  owners: ReadonlyMap<string, string>,
): (name: string) => string | undefined {
  return (name) => {
    const owner = owners.get(name);
    return owner && owner !== providerId ? owner : undefined;
  };
}
