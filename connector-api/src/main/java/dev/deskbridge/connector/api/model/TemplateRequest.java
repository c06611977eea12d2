package dev.deskbridge.connector.api.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to send a template, before the host has checked it against its catalogue: from an
 * agent in a CRM, the admin API or the command line. The host resolves the category, checks the
 * parameters, quotes and budgets it.
 *
 * @param name the template's name (or provider id)
 * @param language the language code; empty takes the catalogue's only language for the name
 * @param positional body parameters of a positional template, in order
 * @param named body parameters of a named template, by name
 * @param header the header's parameter (text, or media by link), when the template has one
 * @param buttons button parameters
 */
public record TemplateRequest(String name, Optional<String> language, List<String> positional,
        Map<String, String> named, Optional<OutboundMessage.TemplateHeader> header,
        List<OutboundMessage.TemplateButton> buttons) {
    public TemplateRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        positional = List.copyOf(Objects.requireNonNull(positional, "positional"));
        named = Map.copyOf(Objects.requireNonNull(named, "named"));
        Objects.requireNonNull(header, "header");
        buttons = List.copyOf(Objects.requireNonNull(buttons, "buttons"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("template name must not be blank");
        }
    }

    /** A body-only request. */
    public static TemplateRequest of(String name, String language, List<String> positional, Map<String, String> named) {
        return new TemplateRequest(name, Optional.of(language), positional, named, Optional.empty(), List.of());
    }
}
