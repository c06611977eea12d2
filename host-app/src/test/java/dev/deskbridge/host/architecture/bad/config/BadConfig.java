package dev.deskbridge.host.architecture.bad.config;

/** Clean: shows that a rule's failure names the offenders, not every class. */
public record BadConfig(String name) {}
