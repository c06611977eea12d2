package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.Objects;
import java.util.Optional;

/** What checking a template request against the catalogue gave: a message ready to quote and send, or a refusal. */
public sealed interface TemplateCheckResult {

    /**
     * The request fits an approved template.
     *
     * @param template the catalogue's entry
     * @param message the message to send, carrying the catalogue's current category
     */
    record Resolved(CatalogueTemplate template, OutboundMessage.Template message) implements TemplateCheckResult {
        public Resolved {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(message, "message");
        }

        /** The category to quote: the catalogue's current one. */
        public TemplateCategory category() {
            return message.category();
        }
    }

    /**
     * The request cannot be sent.
     *
     * @param reason the reason code
     * @param message a sentence for a person, naming the parameter when one is at fault
     * @param parameter the parameter at fault ({@code body.first_name}, {@code body.2}, {@code header},
     *     {@code buttons[0]}), when one is
     */
    record Refused(TemplateRefusal reason, String message, Optional<String> parameter) implements TemplateCheckResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(parameter, "parameter");
        }

        static Refused of(TemplateRefusal reason, String message) {
            return new Refused(reason, message, Optional.empty());
        }

        static Refused at(TemplateRefusal reason, String parameter, String message) {
            return new Refused(reason, parameter + ": " + message, Optional.of(parameter));
        }
    }
}
