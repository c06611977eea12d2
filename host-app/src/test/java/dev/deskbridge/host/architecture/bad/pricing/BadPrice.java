package dev.deskbridge.host.architecture.bad.pricing;

import dev.deskbridge.host.architecture.bad.pricing.simulation.BadSimulation;

/** With BadSimulation, a cycle inside one feature: only the per-package rule sees it. */
public record BadPrice(BadSimulation simulation) {}
