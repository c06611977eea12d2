package dev.deskbridge.connector.api.template;

/** How a template's body names its parameters: {@code {{1}}} or {@code {{first_name}}}. */
public enum ParameterFormat {
    POSITIONAL,
    NAMED
}
