package dev.deskbridge.host.architecture.bad.stray;

/** In no layer: a new package has to be given its place in the picture. */
public final class BadStray {}
