package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.List;
import java.util.Objects;

/**
 * The approved template a route sends to reopen a closed window.
 *
 * @param name the template's name
 * @param language its language code ({@code en_US})
 * @param category the category it was approved in; decides its price
 * @param bodyParameters values of the body's parameters, in order
 */
public record ReengageTemplate(String name, String language, TemplateCategory category, List<String> bodyParameters) {
    public ReengageTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(category, "category");
        bodyParameters = List.copyOf(Objects.requireNonNull(bodyParameters, "bodyParameters"));
    }
}
