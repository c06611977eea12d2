package dev.deskbridge.connector.testkit.badplugin;

import dev.deskbridge.connector.testkit.badplugin.part.BadPart;

/** A deliberately bad plugin's root class, for ConnectorArchitectureTest: it and BadPart need each other. */
public final class BadSession {
    public BadPart part() {
        return new BadPart(this);
    }
}
