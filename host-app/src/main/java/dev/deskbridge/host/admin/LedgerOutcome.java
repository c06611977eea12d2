package dev.deskbridge.host.admin;

/** Where a ledger row's message stands: its cost is final only once delivered or failed. */
public enum LedgerOutcome {
    /** Quoted and sent; the provider has not reported the final pricing yet. */
    PENDING,
    /** Delivered (or read): settled from the provider's pricing data. */
    DELIVERED,
    /** Not delivered: costs nothing. */
    FAILED
}
