package dev.deskbridge.connector.api.template;

import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A template as the provider's catalogue describes it, read by a channel for the host's catalogue.
 *
 * @param providerId the provider's id (Meta's template id, Twilio's Content SID)
 * @param name the template's name as people use it (Meta's template name, Twilio's friendly name)
 * @param sendName what a send names it by (Meta: the name; Twilio: the Content SID)
 * @param language the language code ({@code en_US}, {@code en})
 * @param status the review state
 * @param category the category it is priced in now, when the provider says
 * @param parameterFormat positional or named body parameters
 * @param body the body text with its placeholders
 * @param bodyParameters the body's parameters in order of first use: {@code 1, 2, ...} or names
 * @param header the header's kind, when there is a header
 * @param headerParameters a text header's parameters (at most one at Meta)
 * @param buttons the buttons, in order
 * @param components the provider's own description of the template (JSON), for operators to read
 */
public record TemplateDefinition(String providerId, String name, String sendName, String language, TemplateStatus status,
        Optional<TemplateCategory> category, ParameterFormat parameterFormat, String body, List<String> bodyParameters,
        Optional<HeaderFormat> header, List<String> headerParameters, List<TemplateButtonSpec> buttons,
        String components) {
    public TemplateDefinition {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sendName, "sendName");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(parameterFormat, "parameterFormat");
        Objects.requireNonNull(body, "body");
        bodyParameters = List.copyOf(Objects.requireNonNull(bodyParameters, "bodyParameters"));
        Objects.requireNonNull(header, "header");
        headerParameters = List.copyOf(Objects.requireNonNull(headerParameters, "headerParameters"));
        buttons = List.copyOf(Objects.requireNonNull(buttons, "buttons"));
        Objects.requireNonNull(components, "components");
        if (name.isBlank()) {
            throw new IllegalArgumentException("template name must not be blank");
        }
    }
}
