package dev.deskbridge.connector.twilio.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.matching.UrlPathPattern;
import dev.deskbridge.connector.api.error.WebhookRejectedException;
import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.Referral;
import dev.deskbridge.connector.api.pricing.Money;
import dev.deskbridge.connector.api.webhook.WebhookRequest;
import dev.deskbridge.connector.twilio.stub.SpecExamples;
import dev.deskbridge.connector.twilio.stub.TwilioSamples;
import dev.deskbridge.connector.twilio.stub.TwilioSigner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's incoming-message webhooks and status callbacks, as the SPI's events. */
class TwilioWhatsAppWebhookTest extends ChannelTestBase {
    private static final String IN_SID = "SM11111111111111111111111111111111";
    private static final String OUT_SID = "SM22222222222222222222222222222222";
    private static final PhoneNumber CUSTOMER = PhoneNumber.of(TwilioSamples.CUSTOMER);
    private static final UrlPathPattern MESSAGE_RESOURCE = urlPathEqualTo("/2010-04-01/Accounts/"
            + TwilioSamples.ACCOUNT_SID + "/Messages/" + OUT_SID + ".json");

    private List<ChannelEvent> receive(Map<String, String> params) {
        WebhookRequest request = TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN, TwilioSamples.CHANNEL_WEBHOOK_URL,
                params);
        return session.receive(request);
    }

    private static Map<String, String> status(String messageStatus) {
        return TwilioSamples.statusCallback(OUT_SID, messageStatus);
    }

    @Test
    void textMessageWithProfileName() {
        List<ChannelEvent> events = receive(TwilioSamples.inboundText(IN_SID, "Oi, meu pedido não chegou"));

        assertThat(events).singleElement().isInstanceOfSatisfying(InboundMessage.class, m -> {
            assertThat(m.eventId()).isEqualTo("twilio:" + IN_SID);
            assertThat(m.providerMessageId()).isEqualTo(IN_SID);
            assertThat(m.customer()).isEqualTo(CUSTOMER);
            assertThat(m.business()).isEqualTo(PhoneNumber.of(TwilioSamples.SENDER));
            assertThat(m.customerName()).contains("Ana Souza");
            assertThat(m.content()).isEqualTo(new MessageContent.Text("Oi, meu pedido não chegou"));
            assertThat(m.sentAt()).isEqualTo(java.time.Instant.parse("2026-10-05T08:00:00Z"));
            assertThat(m.referral()).isEmpty();
        });
    }

    @Test
    void everyMediaFileBecomesItsOwnEventWithTheCaptionOnTheFirst() {
        Map<String, String> p = TwilioSamples.inboundText(IN_SID, "two photos");
        p.put("NumMedia", "2");
        p.put("MessageType", "image");
        p.put("MediaContentType0", "image/jpeg");
        p.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID
                + "/Messages/" + IN_SID + "/Media/ME00000000000000000000000000000000");
        p.put("MediaContentType1", "application/pdf");
        p.put("MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID
                + "/Messages/" + IN_SID + "/Media/ME11111111111111111111111111111111");

        List<ChannelEvent> events = receive(p);

        assertThat(events).extracting(ChannelEvent::eventId)
                .containsExactly("twilio:" + IN_SID + "#0", "twilio:" + IN_SID + "#1");
        // The host keeps one message per provider id: a shared one would drop every file but the first.
        // The first keeps the MessageSid, which a status callback about the received message names.
        assertThat(events).map(e -> ((InboundMessage) e).providerMessageId())
                .containsExactly(IN_SID, IN_SID + "#1");
        assertThat(((InboundMessage) events.get(0)).content()).isInstanceOfSatisfying(MessageContent.Media.class, m -> {
            assertThat(m.kind()).isEqualTo(MediaKind.IMAGE);
            assertThat(m.mediaId()).endsWith("/Media/ME00000000000000000000000000000000");
            assertThat(m.mimeType()).contains("image/jpeg");
            assertThat(m.caption()).contains("two photos");
        });
        assertThat(((InboundMessage) events.get(1)).content()).isInstanceOfSatisfying(MessageContent.Media.class, m -> {
            assertThat(m.kind()).isEqualTo(MediaKind.DOCUMENT);
            assertThat(m.caption()).isEmpty();
        });
    }

    @Test
    void clickToWhatsAppAdReferralIsKept() {
        Map<String, String> p = TwilioSamples.inboundText(IN_SID, "I saw your ad");
        p.put("ReferralSourceType", "ad");
        p.put("ReferralSourceId", "120208000000000001");
        p.put("ReferralSourceUrl", "https://fb.me/3abcDEF");
        p.put("ReferralHeadline", "Winter sale");
        p.put("ReferralBody", "50% off boots");
        p.put("ReferralCtwaClid", "ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a");
        p.put("ReferralNumMedia", "0");

        InboundMessage m = (InboundMessage) receive(p).get(0);

        assertThat(m.referral()).contains(new Referral("ad", Optional.of("120208000000000001"),
                Optional.of("https://fb.me/3abcDEF"), Optional.of(p.get("ReferralCtwaClid")),
                Optional.of("Winter sale"), Optional.of("50% off boots")));
    }

    @Test
    void locationButtonReplyStickerAndUnknownKinds() {
        Map<String, String> location = TwilioSamples.inboundText(IN_SID, "");
        location.put("Latitude", "-23.5505");
        location.put("Longitude", "-46.6333");
        location.put("Label", "Loja Centro");
        location.put("Address", "Praça da Sé");
        assertThat(((InboundMessage) receive(location).get(0)).content())
                .isEqualTo(new MessageContent.Location(-23.5505, -46.6333, Optional.of("Loja Centro"),
                        Optional.of("Praça da Sé")));

        Map<String, String> button = TwilioSamples.inboundText(IN_SID, "Yes, reschedule");
        button.put("ButtonText", "Yes, reschedule");
        button.put("ButtonPayload", "RESCHEDULE_YES");
        assertThat(((InboundMessage) receive(button).get(0)).content())
                .isEqualTo(new MessageContent.TemplateButtonReply("RESCHEDULE_YES", "Yes, reschedule"));

        Map<String, String> sticker = TwilioSamples.inboundText(IN_SID, "");
        sticker.put("NumMedia", "1");
        sticker.put("MediaContentType0", "image/webp");
        sticker.put("MediaUrl0", "https://api.twilio.com/media/ME22222222222222222222222222222222");
        assertThat(((InboundMessage) receive(sticker).get(0)).content())
                .isInstanceOfSatisfying(MessageContent.Media.class, m -> assertThat(m.kind()).isEqualTo(MediaKind.STICKER));

        Map<String, String> unknown = TwilioSamples.inboundText(IN_SID, "");
        unknown.put("MessageType", "unsupported");
        assertThat(((InboundMessage) receive(unknown).get(0)).content())
                .isEqualTo(new MessageContent.Unsupported("unsupported"));
    }

    @Test
    void replyContextIsKept() {
        Map<String, String> p = TwilioSamples.inboundText(IN_SID, "this one");
        p.put("OriginalRepliedMessageSender", "whatsapp:" + TwilioSamples.SENDER);
        p.put("OriginalRepliedMessageSid", OUT_SID);

        assertThat(((InboundMessage) receive(p).get(0)).inReplyTo()).contains(OUT_SID);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"queued, QUEUED", "sending, QUEUED", "sent, SENT", "delivered, DELIVERED", "read, READ",
        "failed, FAILED", "undelivered, FAILED"})
    void statusCallbacksBecomeDeliveryUpdates(String twilioStatus, DeliveryStatus expected) {
        List<ChannelEvent> events = receive(status(twilioStatus));

        assertThat(events).singleElement().isInstanceOfSatisfying(DeliveryUpdate.class, u -> {
            assertThat(u.eventId()).isEqualTo("twilio:" + OUT_SID + ":" + twilioStatus);
            assertThat(u.providerMessageId()).isEqualTo(OUT_SID);
            assertThat(u.customer()).isEqualTo(CUSTOMER);
            assertThat(u.status()).isEqualTo(expected);
            assertThat(u.errors()).isEmpty();
            assertThat(u.providerPrice()).isEmpty();
        });
    }

    @Test
    void aStatusNamesItsSendByTheSignedQueryOfItsCallbackUrl() {
        String callback = OutboundRequests.statusCallback(TwilioSamples.CHANNEL_WEBHOOK_URL, "outbox 7/2");

        DeliveryUpdate named = (DeliveryUpdate) session.receive(TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN,
                callback, status("sent"))).get(0);
        DeliveryUpdate unnamed = (DeliveryUpdate) receive(status("delivered")).get(0);

        assertThat(named.sendKey()).contains("outbox 7/2");
        assertThat(named.providerMessageId()).isEqualTo(OUT_SID);
        assertThat(unnamed.sendKey()).as("a send made before its callback named it").isEmpty();
    }

    @Test
    void aSendKeyChangedInTheQueryBreaksTheSignature() {
        String signedFor = OutboundRequests.statusCallback(TwilioSamples.CHANNEL_WEBHOOK_URL, "outbox-7");
        WebhookRequest forged = TwilioSigner.form(OutboundRequests.statusCallback(TwilioSamples.CHANNEL_WEBHOOK_URL,
                "outbox-8"), status("sent")).header("X-Twilio-Signature",
                TwilioSigner.signature(TwilioSamples.AUTH_TOKEN, signedFor, status("sent"))).build();

        assertThatThrownBy(() -> session.receive(forged)).isInstanceOfSatisfying(WebhookRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(WebhookRejectedException.Reason.BAD_SIGNATURE));
    }

    @Test
    void undeliveredCarriesTheErrorCode() {
        Map<String, String> p = status("undelivered");
        p.put("ErrorCode", "63016");

        DeliveryUpdate u = (DeliveryUpdate) receive(p).get(0);

        assertThat(u.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(u.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("63016");
            assertThat(e.title()).contains("outside the allowed window");
        });
    }

    @Test
    void failedWithTwiliosErrorMessage() {
        Map<String, String> p = status("failed");
        p.put("ErrorCode", "63024");
        p.put("ErrorMessage", "Invalid message recipient");

        assertThat(((DeliveryUpdate) receive(p).get(0)).errors())
                .containsExactly(new DeliveryError("63024", "Invalid message recipient", Optional.empty()));
    }

    @Test
    void priceOnTheCallbackSettlesTwiliosFee() {
        Map<String, String> p = status("delivered");
        p.put("Price", "-0.00500");
        p.put("PriceUnit", "USD");

        assertThat(((DeliveryUpdate) receive(p).get(0)).providerPrice()).contains(Money.of("0.005", "USD"));
    }

    @Test
    void aReceivedMessagesPriceComesAsAnUpdateAboutItFromTheCustomer() {
        Map<String, String> p = status("received");
        p.put("MessageSid", IN_SID);
        p.put("SmsSid", IN_SID);
        p.put("From", "whatsapp:" + TwilioSamples.CUSTOMER);
        p.put("To", "whatsapp:" + TwilioSamples.SENDER);
        p.put("Price", "-0.00500");
        p.put("PriceUnit", "USD");

        DeliveryUpdate u = (DeliveryUpdate) receive(p).get(0);

        assertThat(u.providerMessageId()).isEqualTo(IN_SID);
        assertThat(u.eventId()).isEqualTo("twilio:" + IN_SID + ":received");
        assertThat(u.customer()).isEqualTo(CUSTOMER);
        assertThat(u.providerPrice()).contains(Money.of("0.005", "USD"));
        assertThat(context.badRecords()).isEmpty();
    }

    @Test
    void aStatusWithoutPriceCallsNothingInTheRequestAndTheWorkersCompletionReadsThePrice() {
        reopenWith("fetch_price", "true");
        ObjectNode message = SpecExamples.example(SpecExamples.API,
                "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json", "get", "200", "fetch");
        message.put("sid", OUT_SID);
        message.put("account_sid", TwilioSamples.ACCOUNT_SID);
        message.put("status", "delivered");
        message.put("price", "-0.00500");
        message.put("price_unit", "USD");
        stub.server().stubFor(get(MESSAGE_RESOURCE).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(message.toString())));
        WebhookRequest signed = TwilioSigner.signedForm(TwilioSamples.AUTH_TOKEN,
                OutboundRequests.statusCallback(TwilioSamples.CHANNEL_WEBHOOK_URL, "outbox-7"), status("delivered"));

        // In the webhook's request, and again for a replay of the same signed callback: no call to Twilio.
        DeliveryUpdate received = (DeliveryUpdate) session.receive(signed).get(0);
        session.receive(signed);
        assertThat(received.providerPrice()).isEmpty();
        assertThat(stub.server().getAllServeEvents()).as("calls to Twilio from receive").isEmpty();

        // In the worker: the price is read from the message resource, nothing else of the update changes.
        DeliveryUpdate completed = session.completeUpdate(received);
        DeliveryUpdate failed = session.completeUpdate((DeliveryUpdate) receive(status("failed")).get(0));

        assertThat(completed.providerPrice()).contains(Money.of("0.005", "USD"));
        assertThat(completed).usingRecursiveComparison().ignoringFields("providerPrice").isEqualTo(received);
        assertThat(completed.sendKey()).contains("outbox-7");
        assertThat(failed.providerPrice()).as("a failed message is never billed: no lookup").isEmpty();
        stub.server().verify(1, getRequestedFor(MESSAGE_RESOURCE));
        assertThat(stub.server().getAllServeEvents()).hasSize(1);
    }

    @Test
    void aPriceAlreadyOnTheCallbackOrFetchPriceOffCallsNothing() {
        Map<String, String> priced = status("delivered");
        priced.put("Price", "-0.00450");
        priced.put("PriceUnit", "USD");
        DeliveryUpdate off = (DeliveryUpdate) receive(status("delivered")).get(0);
        assertThat(session.completeUpdate(off)).isSameAs(off);

        reopenWith("fetch_price", "true");
        DeliveryUpdate withPrice = (DeliveryUpdate) receive(priced).get(0);
        assertThat(session.completeUpdate(withPrice)).isSameAs(withPrice);
        assertThat(stub.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void priceLookupFailureKeepsTheUpdateWithoutPrice() {
        reopenWith("fetch_price", "true");
        stub.server().stubFor(get(MESSAGE_RESOURCE).willReturn(aResponse().withStatus(404).withHeader("Content-Type",
                "application/json").withBody(SpecExamples.error(20404, "The requested resource was not found", 404))));
        DeliveryUpdate received = (DeliveryUpdate) receive(status("read")).get(0);

        DeliveryUpdate u = session.completeUpdate(received);

        assertThat(u).isEqualTo(received);
        assertThat(u.status()).isEqualTo(DeliveryStatus.READ);
        assertThat(u.providerPrice()).isEmpty();
        stub.server().verify(1, getRequestedFor(MESSAGE_RESOURCE));
    }

    @Test
    void statusDeskBridgeDoesNotTrackIsReportedNotDropped() {
        List<ChannelEvent> events = receive(status("receiving"));

        assertThat(events).isEmpty();
        assertThat(context.badRecords()).singleElement()
                .satisfies(r -> assertThat(r.reason()).contains("receiving"));
    }

    @Test
    void malformedButSignedWebhooksAreRejectedNamingWhatIsWrong() {
        Map<String, String> noFrom = TwilioSamples.inboundText(IN_SID, "hi");
        noFrom.remove("To");
        assertThatThrownBy(() -> receive(noFrom)).isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("To")
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason())
                        .isEqualTo(WebhookRejectedException.Reason.MALFORMED_BODY));

        Map<String, String> badMedia = TwilioSamples.inboundText(IN_SID, "hi");
        badMedia.put("NumMedia", "two");
        assertThatThrownBy(() -> receive(badMedia)).isInstanceOf(WebhookRejectedException.class)
                .hasMessageContaining("NumMedia");
    }

    @Test
    void theSameWebhookTwiceGivesTheSameIds() {
        Map<String, String> p = TwilioSamples.inboundText(IN_SID, "hello");
        assertThat(receive(p)).extracting(ChannelEvent::eventId).isEqualTo(
                receive(p).stream().map(ChannelEvent::eventId).toList());
    }

    @Test
    void threeFilesGiveThreeMessagesWithDistinctProviderIdsTheSameOnEveryDelivery() {
        Map<String, String> p = TwilioSamples.inboundText(IN_SID, "three files");
        p.put("NumMedia", "3");
        String[] types = {"image/jpeg", "application/pdf", "audio/ogg"};
        for (int i = 0; i < types.length; i++) {
            p.put("MediaContentType" + i, types[i]);
            p.put("MediaUrl" + i, "https://api.twilio.com/2010-04-01/Accounts/" + TwilioSamples.ACCOUNT_SID
                    + "/Messages/" + IN_SID + "/Media/ME" + String.valueOf(i).repeat(32));
        }

        List<String> ids = receive(p).stream().map(e -> ((InboundMessage) e).providerMessageId()).toList();

        assertThat(ids).containsExactly(IN_SID, IN_SID + "#1", IN_SID + "#2").doesNotHaveDuplicates();
        // Twilio retries a webhook it got no 200 for: the repeat must name the same messages.
        assertThat(receive(p).stream().map(e -> ((InboundMessage) e).providerMessageId()).toList()).isEqualTo(ids);
    }
}
