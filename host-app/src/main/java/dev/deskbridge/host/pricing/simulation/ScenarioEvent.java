package dev.deskbridge.host.pricing.simulation;

import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** An event of a scenario: a customer message or a business message. */
public sealed interface ScenarioEvent {

    /** The event's position in its scenario's {@code events} list, from 0. */
    int index();

    /** The event's WhatsApp timestamp. */
    Instant at();

    /**
     * A customer message.
     *
     * @param kind what the customer sent ({@code text}, {@code image}, ...); the rules ignore it
     * @param referral whether it came from a Click-to-WhatsApp ad or a Page call-to-action
     */
    record Inbound(int index, Instant at, String kind, boolean referral) implements ScenarioEvent {
        public Inbound {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A business message.
     *
     * @param category the template's category; present exactly for templates
     * @param delivered false when the message was sent but never delivered (it is never billed)
     * @param expect the result fields a check compares: field name to a {@code Boolean} or a {@code String}
     */
    record Outbound(int index, Instant at, OutboundKind kind, Optional<TemplateCategory> category, boolean delivered,
            Map<String, Object> expect) implements ScenarioEvent {
        public Outbound {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(category, "category");
            expect = Map.copyOf(expect);
        }
    }
}
