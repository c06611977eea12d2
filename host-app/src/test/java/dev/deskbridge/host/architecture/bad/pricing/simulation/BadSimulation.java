package dev.deskbridge.host.architecture.bad.pricing.simulation;

import dev.deskbridge.host.architecture.bad.pricing.BadPrice;

/** Needs BadPrice, which needs it back. */
public record BadSimulation(BadPrice price) {}
