package dev.deskbridge.host.architecture.bad.store;

import dev.deskbridge.host.architecture.bad.pricing.BadPrice;

/** Forbidden by the layers: store and pricing stand beside each other, neither uses the other. */
public final class BadStore {
    public BadPrice price() {
        return new BadPrice(null);
    }
}
