package dev.deskbridge.host;

/** Stands for any host class in ConnectorArchitectureTest (the real host is not on the test kit's class path). */
public final class FakeHostClass {}
