package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.AgentNotice;
import dev.deskbridge.connector.api.model.AgentReply;
import dev.deskbridge.connector.api.model.ConversationId;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MediaLink;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.model.Referral;
import dev.deskbridge.connector.api.model.TicketRef;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.pricing.PricingCategory;
import dev.deskbridge.connector.api.pricing.PricingType;
import dev.deskbridge.connector.api.pricing.Quote;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every event kind survives the queue's JSON unchanged. */
class EventCodecTest {
    static final Instant AT = Instant.parse("2026-09-01T10:00:00Z");
    static final PhoneNumber BUSINESS = PhoneNumber.of("+15550001111");
    static final PhoneNumber CUSTOMER = PhoneNumber.of("+12015550123");
    final EventCodec codec = new EventCodec();

    static InboundMessage inbound(MessageContent content) {
        return new InboundMessage("e1", "wamid.1", BUSINESS, CUSTOMER, Optional.of("Ann"), AT, content,
                Optional.of("wamid.0"), Optional.of(new Referral("ad", Optional.of("1"), Optional.empty(),
                        Optional.of("clid"), Optional.of("Sale"), Optional.empty())));
    }

    static List<EngineEvent> events() {
        Quote quote = Quote.allowed(true, PricingCategory.UTILITY, PricingType.REGULAR, "NORTH_AMERICA",
                Money.of("0.0040", "USD"), "PMP-2025-07");
        return List.of(
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.Text("Hi"))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.Media(MediaKind.IMAGE, "m1",
                        Optional.of("image/jpeg"), Optional.of("abc"), Optional.of("cap"), Optional.empty()))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.Location(1.5, -2.25,
                        Optional.of("Home"), Optional.empty()))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.Contacts(List.of(
                        new MessageContent.Contact("Bob", List.of("+4930123")))))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.InteractiveReply(
                        MessageContent.InteractiveReply.Interaction.LIST, "r1", "Row", Optional.of("d")))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.TemplateButtonReply("p", "Yes"))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.Reaction("wamid.0", "👍"))),
                new EngineEvent.CustomerMessageReceived("wa", inbound(new MessageContent.Unsupported("order"))),
                new EngineEvent.DeliveryReported("wa", new DeliveryUpdate("s1", "out-1", CUSTOMER, DeliveryStatus.FAILED,
                        AT, List.of(new DeliveryError("131026", "undeliverable", Optional.of("x"))),
                        Optional.of(new ProviderPricing(false, "PMP", "utility", "regular")),
                        Optional.of(Money.of("0.005", "USD")), Optional.of("conv-1"))),
                new EngineEvent.PaymentReported("wa", new PaymentUpdate("payment:A-1:pay_1:captured", CUSTOMER, "A-1",
                        PaymentUpdate.Status.CAPTURED, AT, Optional.of(Money.of("12.34", "INR")), Optional.of("pay_1"),
                        Optional.of("success"), Optional.of(BUSINESS))),
                new EngineEvent.AgentReplied("zd", new AgentReply("r1", new TicketRef("42", Optional.of("https://t/42")),
                        Optional.of(ConversationId.of("c-1")), "Agent", "Hello", List.of(new MediaLink("https://f/a.pdf",
                        "a.pdf", Optional.of("application/pdf"))), AT)),
                new EngineEvent.NoticeDue("c-1", new AgentNotice("notice:TEMPLATE_SENT:k", AgentNotice.Kind.TEMPLATE_SENT, "sent",
                        Optional.of(quote))),
                new EngineEvent.WindowClosing("c-1", AT),
                new EngineEvent.SendMessage("c-1", new OutboundMessage.Template("reengage_v1", "en_US",
                        TemplateCategory.UTILITY, List.of("Ann"), Optional.of(new OutboundMessage.TemplateHeader(
                                OutboundMessage.TemplateHeader.HeaderKind.TEXT, "Hi")), List.of(
                                new OutboundMessage.TemplateButton(0, OutboundMessage.TemplateButton.ButtonKind.URL,
                                        "x"))), EngineEvent.Purpose.REENGAGE, quote, Optional.empty()),
                new EngineEvent.SendMessage("c-1", OutboundMessage.Media.byLink(MediaKind.DOCUMENT, "https://f/a.pdf",
                        Optional.empty(), Optional.of("a.pdf")), EngineEvent.Purpose.REPLY,
                        Quote.refused("window_closed", Money.zero("USD")), Optional.of("wamid.1")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTrips(EngineEvent event) {
        String json = codec.encode(event);
        assertThat(codec.decode(event.type(), json)).isEqualTo(event);
    }

    @Test
    void crmWebhooksRoundTripWithTheirRawBytes() {
        byte[] body = "{\"ticket_id\":\"42\"}\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = new dev.deskbridge.connector.api.webhook.WebhookRequest("POST",
                "https://bridge.example/webhooks/crms/zd", java.util.Map.of("X-Zendesk-Webhook-Signature", List.of("abc=")),
                java.util.Map.of("tenant", List.of("a")), body, AT);
        var event = new EngineEvent.CrmWebhookReceived("zd", request);

        var decoded = (EngineEvent.CrmWebhookReceived) codec.decode("CRM_WEBHOOK", codec.encode(event));

        assertThat(decoded.crmId()).isEqualTo("zd");
        assertThat(decoded.request().body()).isEqualTo(body);
        assertThat(decoded.request().header("x-zendesk-webhook-signature")).contains("abc=");
        assertThat(decoded.request().queryParam("tenant")).contains("a");
        assertThat(decoded.request().publicUrl()).isEqualTo(request.publicUrl());
        assertThat(decoded.request().receivedAt()).isEqualTo(AT);
    }

    @Test
    void aNoticeQueuedBeforeNoticesHadIdsGetsTheSameIdOnEveryRead() {
        String old = "{\"conversationId\":\"c-1\",\"notice\":{\"kind\":\"REPLY_HELD\",\"text\":\"held\","
                + "\"quote\":null}}";

        var first = (EngineEvent.NoticeDue) codec.decode("AGENT_NOTICE", old);
        var again = (EngineEvent.NoticeDue) codec.decode("AGENT_NOTICE", old);

        assertThat(first.notice().id()).startsWith("notice:legacy:c-1:REPLY_HELD:").isEqualTo(again.notice().id());
        assertThat(first.notice().text()).isEqualTo("held");
    }

    @Test
    void aPaymentQueuedBeforePaymentsNamedTheirNumberNamesNone() {
        String old = "{\"channelId\":\"wa\",\"update\":{\"eventId\":\"payment:A-1:pay_1:captured\","
                + "\"customer\":{\"e164\":\"" + CUSTOMER.e164() + "\"},\"referenceId\":\"A-1\",\"status\":\"CAPTURED\","
                + "\"at\":\"" + AT + "\",\"amount\":null,\"transactionId\":\"pay_1\",\"transactionStatus\":null}}";

        var decoded = (EngineEvent.PaymentReported) codec.decode("PAYMENT_UPDATE", old);

        // As before the field: the order is looked for on the channel that reported it.
        assertThat(decoded.update().business()).isEmpty();
        assertThat(decoded.update().transactionId()).contains("pay_1");
    }

    @Test
    void heldMessagesRoundTrip() {
        List<OutboundMessage> messages = List.of(new OutboundMessage.Text("Hi", false),
                OutboundMessage.Media.byId(MediaKind.IMAGE, "m1", Optional.of("c"), Optional.empty()));
        assertThat(codec.decodeMessages(codec.encodeMessages(messages))).isEqualTo(messages);
    }

    @Test
    void unreadablePayloadsSayWhat() {
        assertThatThrownBy(() -> codec.decode("NOPE", "{}")).hasMessageContaining("unknown event type 'NOPE'");
        assertThatThrownBy(() -> codec.decode("AGENT_REPLY", "{\"crmId\":"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AGENT_REPLY");
    }
}
