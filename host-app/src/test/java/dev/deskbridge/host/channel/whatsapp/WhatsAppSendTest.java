package dev.deskbridge.host.channel.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.OutboundMessage;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateButton;
import dev.deskbridge.connector.api.model.OutboundMessage.TemplateHeader;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.SendRequest;
import dev.deskbridge.connector.api.model.SendResult;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of send, against a stub whose every received request is checked against Meta's description. */
class WhatsAppSendTest extends GraphStubTest {
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+16505551234");
    private static final String WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJCOTY3NDc0NDFDRUI3NTA0Q0UA";

    @BeforeEach
    void acceptSends() {
        meta.acceptSends(WAMID);
    }

    private SendResult send(OutboundMessage message, Optional<String> replyTo) {
        return session.send(new SendRequest("outbox-1", PhoneNumber.of(MetaStub.BUSINESS), CUSTOMER, message, replyTo));
    }

    private void assertSentBody(String json) {
        meta.server().verify(1, postRequestedFor(urlPathEqualTo(MetaStub.MESSAGES_PATH))
                .withHeader("Authorization", equalTo("Bearer " + MetaStub.ACCESS_TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("User-Agent", matching("DeskBridge/\\d+\\.\\d+\\.\\d+"))
                .withRequestBody(equalToJson(json)));
    }

    @Test
    void textWithLinkPreviewReturnsMetasMessageId() {
        SendResult result = send(new OutboundMessage.Text("See https://deskbridge.example/status", true), Optional.empty());

        assertThat(result.providerMessageId()).isEqualTo(WAMID);
        assertThat(result.acceptedAt()).isEqualTo(Instant.parse("2026-10-05T08:00:00Z"));
        assertThat(result.channelFee()).isEmpty();
        assertSentBody("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                 "biz_opaque_callback_data":"outbox-1",
                 "text":{"body":"See https://deskbridge.example/status","preview_url":true}}""");
        assertThat(context.metrics().count("whatsapp_messages_sent", "kind", "text")).isEqualTo(1);
    }

    @Test
    void replyQuotesTheCustomersMessage() {
        send(new OutboundMessage.Text("Yes, in blue too.", false), Optional.of("wamid.CUSTOMER-1"));

        assertSentBody("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"text",
                 "biz_opaque_callback_data":"outbox-1",
                 "context":{"message_id":"wamid.CUSTOMER-1"},"text":{"body":"Yes, in blue too.","preview_url":false}}""");
    }

    @ParameterizedTest
    @EnumSource(MediaKind.class)
    void mediaByLink(MediaKind kind) {
        boolean captioned = kind == MediaKind.IMAGE || kind == MediaKind.VIDEO || kind == MediaKind.DOCUMENT;
        Optional<String> caption = captioned ? Optional.of("Your invoice") : Optional.empty();
        Optional<String> filename = kind == MediaKind.DOCUMENT ? Optional.of("invoice-42.pdf") : Optional.empty();
        send(OutboundMessage.Media.byLink(kind, "https://files.deskbridge.example/a/42", caption, filename),
                Optional.empty());

        String type = kind.name().toLowerCase(java.util.Locale.ROOT);
        assertSentBody("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"16505551234\","
                + "\"biz_opaque_callback_data\":\"outbox-1\","
                + "\"type\":\"" + type + "\",\"" + type + "\":{\"link\":\"https://files.deskbridge.example/a/42\""
                + (captioned ? ",\"caption\":\"Your invoice\"" : "")
                + (kind == MediaKind.DOCUMENT ? ",\"filename\":\"invoice-42.pdf\"" : "") + "}}");
    }

    @ParameterizedTest
    @EnumSource(MediaKind.class)
    void mediaByUploadedId(MediaKind kind) {
        send(OutboundMessage.Media.byId(kind, "1003383421387256", Optional.empty(), Optional.empty()),
                Optional.of("wamid.CUSTOMER-2"));

        String type = kind.name().toLowerCase(java.util.Locale.ROOT);
        assertSentBody("{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"16505551234\","
                + "\"biz_opaque_callback_data\":\"outbox-1\",\"context\":{\"message_id\":\"wamid.CUSTOMER-2\"},"
                + "\"type\":\"" + type + "\",\"" + type + "\":{\"id\":\"1003383421387256\"}}");
    }

    @Test
    void captionOnStickerIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> send(OutboundMessage.Media.byId(MediaKind.STICKER, "77", Optional.of("hi"),
                Optional.empty()), Optional.empty()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("caption")
                .hasMessageContaining("sticker");
        assertThatThrownBy(() -> send(OutboundMessage.Media.byId(MediaKind.IMAGE, "77", Optional.empty(),
                Optional.of("a.jpg")), Optional.empty()))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("file name");
        assertThat(meta.requests()).isEmpty();
    }

    @Test
    void templateWithHeaderBodyAndButtons() {
        OutboundMessage.Template template = new OutboundMessage.Template("order_update", "en_US",
                TemplateCategory.UTILITY, List.of("Sheena", "#4711"),
                Optional.of(new TemplateHeader(TemplateHeader.HeaderKind.IMAGE, "https://files.deskbridge.example/h.jpg")),
                List.of(new TemplateButton(0, TemplateButton.ButtonKind.QUICK_REPLY, "STOP_UPDATES"),
                        new TemplateButton(1, TemplateButton.ButtonKind.URL, "orders/4711")));
        send(template, Optional.empty());

        assertSentBody("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
                 "biz_opaque_callback_data":"outbox-1",
                 "template":{"name":"order_update","language":{"policy":"deterministic","code":"en_US"},
                  "components":[
                   {"type":"header","parameters":[{"type":"image","image":{"link":"https://files.deskbridge.example/h.jpg"}}]},
                   {"type":"body","parameters":[{"type":"text","text":"Sheena"},{"type":"text","text":"#4711"}]},
                   {"type":"button","sub_type":"quick_reply","index":"0","parameters":[{"type":"payload","payload":"STOP_UPDATES"}]},
                   {"type":"button","sub_type":"url","index":"1","parameters":[{"type":"text","text":"orders/4711"}]}]}}""");
    }

    @Test
    void templateWithTextHeaderAndNoParameters() {
        send(new OutboundMessage.Template("hello_world", "en", TemplateCategory.MARKETING, List.of(),
                Optional.of(new TemplateHeader(TemplateHeader.HeaderKind.TEXT, "Hi")), List.of()), Optional.empty());
        send(OutboundMessage.Template.of("reengage", "de", TemplateCategory.UTILITY, List.of()), Optional.empty());

        meta.server().verify(postRequestedFor(urlPathEqualTo(MetaStub.MESSAGES_PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
                 "biz_opaque_callback_data":"outbox-1",
                 "template":{"name":"hello_world","language":{"policy":"deterministic","code":"en"},
                  "components":[{"type":"header","parameters":[{"type":"text","text":"Hi"}]}]}}""")));
        meta.server().verify(postRequestedFor(urlPathEqualTo(MetaStub.MESSAGES_PATH)).withRequestBody(equalToJson("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"16505551234","type":"template",
                 "biz_opaque_callback_data":"outbox-1",
                 "template":{"name":"reengage","language":{"policy":"deterministic","code":"de"}}}""")));
    }

    @Test
    void buttonIndexBeyondNineIsRefused() {
        assertThatThrownBy(() -> send(new OutboundMessage.Template("t", "en", TemplateCategory.UTILITY, List.of(),
                Optional.empty(), List.of(new TemplateButton(10, TemplateButton.ButtonKind.QUICK_REPLY, "x"))),
                Optional.empty()))
                .isInstanceOf(PermanentException.class).hasMessageContaining("0-9");
        assertThat(meta.requests()).isEmpty();
    }

    @Test
    void markAsRead() {
        meta.server().stubFor(post(urlPathEqualTo(MetaStub.MESSAGES_PATH))
                .withRequestBody(matching(".*\"status\".*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"success\":true}")));

        session.markRead(PhoneNumber.of(MetaStub.BUSINESS), "wamid.CUSTOMER-3");

        assertSentBody("""
                {"messaging_product":"whatsapp","status":"read","message_id":"wamid.CUSTOMER-3"}""");
    }

    @Test
    void sendingFromAnotherNumberIsRefusedWithoutCallingMeta() {
        assertThatThrownBy(() -> session.send(new SendRequest("outbox-2", PhoneNumber.of("+4930123456"), CUSTOMER,
                new OutboundMessage.Text("hi", false), Optional.empty())))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining(MetaStub.BUSINESS)
                .hasMessageContaining("+4930123456");
        assertThatThrownBy(() -> session.markRead(PhoneNumber.of("+4930123456"), "wamid.X"))
                .isInstanceOf(PermanentException.class);
        assertThat(meta.requests()).isEmpty();
    }

    @Test
    void acceptedWithoutMessageIdIsTakenWithItsAnswerLost() {
        meta.server().stubFor(post(urlPathEqualTo(MetaStub.MESSAGES_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"messaging_product\":\"whatsapp\"}")));

        // Meta took it: not a permanent failure (the outbox waits for its status instead of failing it).
        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false), Optional.empty()))
                .isExactlyInstanceOf(AnswerLostException.class)
                .hasMessageContaining("outbox-1");
    }

    @Test
    void unreadableSuccessAnswerIsTakenWithItsAnswerLost() {
        meta.server().stubFor(post(urlPathEqualTo(MetaStub.MESSAGES_PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("<html>proxy</html>")));

        assertThatThrownBy(() -> send(new OutboundMessage.Text("hi", false), Optional.empty()))
                .isExactlyInstanceOf(AnswerLostException.class)
                .hasMessageContaining("could not be read")
                .hasMessageContaining("HTTP 200")
                .hasMessageNotContaining(MetaStub.ACCESS_TOKEN);
    }
}
