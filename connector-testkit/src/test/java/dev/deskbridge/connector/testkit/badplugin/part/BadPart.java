package dev.deskbridge.connector.testkit.badplugin.part;

import dev.deskbridge.connector.testkit.badplugin.BadSession;
import dev.deskbridge.host.FakeHostClass;

/** Needs its root package back (a cycle) and a host class (forbidden). */
public record BadPart(BadSession session) {
    public FakeHostClass host() {
        return new FakeHostClass();
    }
}
