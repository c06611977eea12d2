package dev.deskbridge.host.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A template as a client names it, before the catalogue has checked it.
 *
 * @param name the template's name
 * @param language its language; empty when the catalogue has the name in one language only
 * @param parameters values by parameter: a name ({@code first_name}) or a position ({@code 1}) of
 *     the body, {@code header}, or {@code button.N} for the N-th button's parameter
 */
public record TemplateAsk(String name, Optional<String> language, Map<String, String> parameters) {
    public TemplateAsk {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        parameters = Map.copyOf(Objects.requireNonNull(parameters, "parameters"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("a template needs a name");
        }
    }
}
