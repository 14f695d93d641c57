// The hook for the catalog of large senders' published ranges (Google, Microsoft, Amazon SES, …):
// which one, if any, owns an address. The app answers from the cloud senders' catalog
// (core/senders); without one, no address is known to belong to a large sender and the evidence
// leaves the fact out. Runtime: pure (types and a stub).

export interface SenderCatalogLookup {
  /** The large sender whose published ranges hold this address, e.g. "Google"; undefined when none. */
  ownerOf(address: string): Promise<string | undefined>;
}

/** No catalog loaded: no address is known to belong to a large sender. */
export const NO_SENDER_CATALOG: SenderCatalogLookup = {
  ownerOf: () => Promise.resolve(undefined),
};
