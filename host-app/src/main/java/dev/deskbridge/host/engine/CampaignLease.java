package dev.deskbridge.host.engine;

import dev.deskbridge.host.store.CampaignStore;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host's lease on a campaign it sends, held as a queue item's claim is: the engine's lease (8 s),
 * renewed every quarter lease while the campaign is sent, so that a host that dies lets go of it within
 * one lease and another host takes it over. A renewal that finds the campaign claimed by another host
 * (this one stalled past its lease) or no longer running ends the sending here.
 */
final class CampaignLease {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignLease.class);

    private final EngineContext ctx;
    private final CampaignStore store;
    private final String campaignId;
    private final String owner;
    private final long everyNanos;
    private long renewAt;

    /** The lease just claimed by {@code owner}. */
    CampaignLease(EngineContext ctx, CampaignStore store, String campaignId, String owner) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.store = Objects.requireNonNull(store, "store");
        this.campaignId = Objects.requireNonNull(campaignId, "campaignId");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.everyNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(50, ctx.settings().lease().toMillis() / 4));
        this.renewAt = System.nanoTime() + everyNanos;
    }

    /** Renews the lease once a quarter lease has passed; false when this host no longer holds the campaign. */
    boolean keep() {
        long now = System.nanoTime();
        if (now < renewAt) {
            return true;
        }
        renewAt = now + everyNanos;
        try {
            boolean held = ctx.db().inTransaction(c -> store.renew(c, campaignId, owner, ctx.timer().instant(),
                    ctx.settings().lease()));
            if (!held) {
                LOG.warn("campaign {}: no longer this host's to send (its lease ran out and another host took it over, "
                        + "or it is not running any more); stopped sending it here", campaignId);
            }
            return held;
        } catch (RuntimeException e) {
            // The database may be away for a moment: the next renewal, well within the lease, tries again.
            LOG.warn("campaign {}: cannot renew its lease: {}", campaignId, e.getMessage());
            return true;
        }
    }
}
