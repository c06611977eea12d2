package dev.deskbridge.connector.api.model;

import dev.deskbridge.connector.api.pricing.OutboundKind;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the business sends: free-form text or media, an approved template, or an order (bill) and its status. */
public sealed interface OutboundMessage {

    /** How the window rules treat this message. */
    OutboundKind kind();

    /** Free-form text. */
    record Text(String body, boolean previewUrl) implements OutboundMessage {
        public Text {
            Objects.requireNonNull(body, "body");
            if (body.isBlank()) {
                throw new IllegalArgumentException("text must not be blank");
            }
        }

        @Override
        public OutboundKind kind() {
            return OutboundKind.FREEFORM;
        }
    }

    /** Free-form media, by public link or by a media id already uploaded to the provider. */
    record Media(MediaKind mediaKind, Optional<String> link, Optional<String> mediaId, Optional<String> caption,
            Optional<String> filename) implements OutboundMessage {
        public Media {
            Objects.requireNonNull(mediaKind, "mediaKind");
            Objects.requireNonNull(link, "link");
            Objects.requireNonNull(mediaId, "mediaId");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(filename, "filename");
            if (link.isPresent() == mediaId.isPresent()) {
                throw new IllegalArgumentException("media needs exactly one of link and mediaId");
            }
        }

        public static Media byLink(MediaKind kind, String link, Optional<String> caption, Optional<String> filename) {
            return new Media(kind, Optional.of(link), Optional.empty(), caption, filename);
        }

        public static Media byId(MediaKind kind, String mediaId, Optional<String> caption, Optional<String> filename) {
            return new Media(kind, Optional.empty(), Optional.of(mediaId), caption, filename);
        }

        @Override
        public OutboundKind kind() {
            return OutboundKind.FREEFORM;
        }
    }

    /** A template's header parameter: text, or media by link. */
    record TemplateHeader(HeaderKind headerKind, String value) {
        public enum HeaderKind { TEXT, IMAGE, DOCUMENT, VIDEO }

        public TemplateHeader {
            Objects.requireNonNull(headerKind, "headerKind");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A template button's parameter: a quick-reply payload or a URL suffix. */
    record TemplateButton(int index, ButtonKind buttonKind, String parameter) {
        public enum ButtonKind { QUICK_REPLY, URL }

        public TemplateButton {
            Objects.requireNonNull(buttonKind, "buttonKind");
            Objects.requireNonNull(parameter, "parameter");
            if (index < 0) {
                throw new IllegalArgumentException("button index must not be negative");
            }
        }
    }

    /**
     * An approved template.
     *
     * @param name the template's name (Meta) or content SID (Twilio)
     * @param language the language code, for example {@code en_US}
     * @param category the category the template was approved under; it decides the price
     * @param bodyParameters the body's positional parameters, in order
     * @param header the header parameter, if the template has one
     * @param buttons button parameters
     * @param namedBodyParameters the body's parameters by name, for a template with named parameters
     *     (then {@code bodyParameters} is empty); added in 0.2, the six-argument constructor leaves it empty
     */
    record Template(String name, String language, TemplateCategory category, List<String> bodyParameters,
            Optional<TemplateHeader> header, List<TemplateButton> buttons, Map<String, String> namedBodyParameters)
            implements OutboundMessage {
        public Template(String name, String language, TemplateCategory category, List<String> bodyParameters,
                Optional<TemplateHeader> header, List<TemplateButton> buttons) {
            this(name, language, category, bodyParameters, header, buttons, Map.of());
        }

        public Template {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(category, "category");
            bodyParameters = List.copyOf(Objects.requireNonNull(bodyParameters, "bodyParameters"));
            Objects.requireNonNull(header, "header");
            buttons = List.copyOf(Objects.requireNonNull(buttons, "buttons"));
            namedBodyParameters = Map.copyOf(Objects.requireNonNull(namedBodyParameters, "namedBodyParameters"));
            if (name.isBlank()) {
                throw new IllegalArgumentException("template name must not be blank");
            }
        }

        public static Template of(String name, String language, TemplateCategory category, List<String> bodyParameters) {
            return new Template(name, language, category, bodyParameters, Optional.empty(), List.of());
        }

        @Override
        public OutboundKind kind() {
            return OutboundKind.TEMPLATE;
        }
    }

    /**
     * A bill the customer reviews and pays inside WhatsApp (Meta's {@code order_details}
     * interactive message). Interactive: free-form as far as the window rules go. Added for orders
     * and payments (issue 14).
     *
     * @param body the text above the order
     */
    record OrderDetails(String body, Order order) implements OutboundMessage {
        public OrderDetails {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(order, "order");
            if (body.isBlank()) {
                throw new IllegalArgumentException("an order message needs a body");
            }
        }

        @Override
        public OutboundKind kind() {
            return OutboundKind.FREEFORM;
        }
    }

    /**
     * Where an order sent earlier stands (Meta's {@code order_status} interactive message). Added
     * for orders and payments (issue 14).
     *
     * @param referenceId the order's reference, as its {@link OrderDetails} gave it
     * @param status the provider's word: {@code pending}, {@code processing}, {@code partially-shipped},
     *     {@code shipped}, {@code completed} or {@code canceled}
     * @param description why, shown to the customer, when given
     */
    record OrderStatus(String body, String referenceId, String status, Optional<String> description)
            implements OutboundMessage {
        public OrderStatus {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(referenceId, "referenceId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(description, "description");
            if (body.isBlank()) {
                throw new IllegalArgumentException("an order status message needs a body");
            }
        }

        @Override
        public OutboundKind kind() {
            return OutboundKind.FREEFORM;
        }
    }
}
