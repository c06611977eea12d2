package dev.deskbridge.host.plugins;

import java.util.Objects;

/**
 * An extension a plugin file provides, as listed by {@code deskbridge plugins}.
 *
 * @param kind which extension point it implements
 * @param type its type name ({@code zendesk})
 * @param className the implementing class
 */
public record ProvidedExtension(ConnectorKind kind, String type, String className) {
    public ProvidedExtension {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(className, "className");
    }

    @Override
    public String toString() {
        return kind.label() + " " + type;
    }
}
