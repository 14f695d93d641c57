// The hook for the catalog of large senders' published ranges (Google, Microsoft, Amazon SES, …):
// which one, if any, owns an address. The catalog itself is a later issue; until then nothing
// is known, and the evidence says so by leaving the fact out. Runtime: pure (types and a stub).

export interface SenderCatalogLookup {
  /** The large sender whose published ranges hold this address, e.g. "Google"; undefined when none. */
  ownerOf(address: string): Promise<string | undefined>;
}

/** No catalog loaded: no address is known to belong to a large sender. */
export const NO_SENDER_CATALOG: SenderCatalogLookup = {
  ownerOf: () => Promise.resolve(undefined),
};
