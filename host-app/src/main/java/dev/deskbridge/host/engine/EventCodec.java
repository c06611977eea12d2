package dev.deskbridge.host.engine;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.OutboundMessage;
import java.util.List;

/**
 * Turns engine events into JSON for the queues and back. The mapping stays inside the host: the
 * SPI's records know nothing of Jackson, so the polymorphic types get their names here (mix-ins).
 */
public final class EventCodec {
    private final ObjectMapper mapper;

    public EventCodec() {
        mapper = new ObjectMapper()
                .registerModule(new Jdk8Module())
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addMixIn(MessageContent.class, MessageContentTypes.class)
                .addMixIn(OutboundMessage.class, OutboundMessageTypes.class);
        // Events queued before a record grew a map (a template's named parameters) read it as empty.
        mapper.configOverride(java.util.Map.class)
                .setSetterInfo(com.fasterxml.jackson.annotation.JsonSetter.Value.forValueNulls(
                        com.fasterxml.jackson.annotation.Nulls.AS_EMPTY));
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = MessageContent.Text.class, name = "text"),
        @JsonSubTypes.Type(value = MessageContent.Media.class, name = "media"),
        @JsonSubTypes.Type(value = MessageContent.Location.class, name = "location"),
        @JsonSubTypes.Type(value = MessageContent.Contacts.class, name = "contacts"),
        @JsonSubTypes.Type(value = MessageContent.InteractiveReply.class, name = "interactive"),
        @JsonSubTypes.Type(value = MessageContent.TemplateButtonReply.class, name = "button"),
        @JsonSubTypes.Type(value = MessageContent.Reaction.class, name = "reaction"),
        @JsonSubTypes.Type(value = MessageContent.Unsupported.class, name = "unsupported")
    })
    private interface MessageContentTypes {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = OutboundMessage.Text.class, name = "text"),
        @JsonSubTypes.Type(value = OutboundMessage.Media.class, name = "media"),
        @JsonSubTypes.Type(value = OutboundMessage.Template.class, name = "template"),
        @JsonSubTypes.Type(value = OutboundMessage.OrderDetails.class, name = "order_details"),
        @JsonSubTypes.Type(value = OutboundMessage.OrderStatus.class, name = "order_status")
    })
    private interface OutboundMessageTypes {}

    /** The event as JSON. */
    public String encode(EngineEvent event) {
        return write(event);
    }

    /** Reads an event stored under its type name. */
    public EngineEvent decode(String type, String json) {
        Class<? extends EngineEvent> target = switch (type) {
            case "CUSTOMER_MESSAGE" -> EngineEvent.CustomerMessageReceived.class;
            case "DELIVERY_UPDATE" -> EngineEvent.DeliveryReported.class;
            case "CRM_WEBHOOK" -> EngineEvent.CrmWebhookReceived.class;
            case "AGENT_REPLY" -> EngineEvent.AgentReplied.class;
            case "AGENT_NOTICE" -> EngineEvent.NoticeDue.class;
            case "WINDOW_CLOSING" -> EngineEvent.WindowClosing.class;
            case "TICKET_STATUS" -> EngineEvent.TicketStatusDue.class;
            case "BUSINESS_TICKET" -> EngineEvent.BusinessTicketDue.class;
            case "TEMPLATE_UPDATE" -> EngineEvent.TemplateChanged.class;
            case "PAYMENT_UPDATE" -> EngineEvent.PaymentReported.class;
            default -> {
                if (type.startsWith("SEND_")) {
                    yield EngineEvent.SendMessage.class;
                }
                throw new IllegalArgumentException("unknown event type '" + type + "'");
            }
        };
        try {
            if (target == EngineEvent.NoticeDue.class) {
                return mapper.treeToValue(withNoticeId(mapper.readTree(json)), target);
            }
            return mapper.readValue(json, target);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored " + type + " event cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A notice queued before notices had ids gets one from what it says, so each of its attempts
     * carries the same id.
     */
    private static JsonNode withNoticeId(JsonNode event) {
        JsonNode notice = event.path("notice");
        if (notice instanceof ObjectNode n && !n.hasNonNull("id")) {
            // String.hashCode is specified, so every attempt (and every host) derives the same id.
            n.put("id", "notice:legacy:" + event.path("conversationId").asText() + ":" + notice.path("kind").asText()
                    + ":" + Integer.toHexString(notice.path("text").asText().hashCode()));
        }
        return event;
    }

    /** A list of outbound messages (held replies) as JSON. */
    public String encodeMessages(List<OutboundMessage> messages) {
        try {
            return mapper.writerFor(new TypeReference<List<OutboundMessage>>() {}).writeValueAsString(messages);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise messages: " + e.getOriginalMessage(), e);
        }
    }

    public List<OutboundMessage> decodeMessages(String json) {
        try {
            return mapper.readValue(json, new TypeReference<List<OutboundMessage>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored messages cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
