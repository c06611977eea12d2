package dev.deskbridge.host.channel.whatsapp;

import static dev.deskbridge.host.channel.whatsapp.SignedWebhooks.envelope;
import static dev.deskbridge.host.channel.whatsapp.SignedWebhooks.signed;
import static dev.deskbridge.host.channel.whatsapp.SignedWebhooks.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.ChannelEvent;
import dev.deskbridge.connector.api.model.DeliveryError;
import dev.deskbridge.connector.api.model.DeliveryStatus;
import dev.deskbridge.connector.api.model.DeliveryUpdate;
import dev.deskbridge.connector.api.model.InboundMessage;
import dev.deskbridge.connector.api.model.MediaKind;
import dev.deskbridge.connector.api.model.MessageContent;
import dev.deskbridge.connector.api.model.PaymentUpdate;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.connector.api.model.ProviderPricing;
import dev.deskbridge.connector.api.model.Referral;
import dev.deskbridge.connector.api.model.TemplateUpdate;
import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.TemplateStatus;
import dev.deskbridge.connector.testkit.FakeConnectorContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Statuses with pricing, several entries in one body, media details, referrals and what happens to
 * a single unreadable item. Bodies follow the shapes Meta documents for Cloud API webhooks.
 */
class WebhookParserTest extends OfflineSessionTest {
    private static final String CONTACT = "[{\"profile\":{\"name\":\"Sheena Nelson\"},\"wa_id\":\"16505551234\"}]";
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("+16505551234");
    private static final PhoneNumber BUSINESS = PhoneNumber.of(MetaStub.BUSINESS);


    private List<ChannelEvent> receive(String body) {
        return session.receive(signed(body));
    }

    private static String message(String id, String type, String content) {
        return "{\"from\":\"16505551234\",\"id\":\"" + id + "\",\"timestamp\":\"1749416383\",\"type\":\"" + type + "\","
                + "\"" + type + "\":" + content + "}";
    }

    @Test
    void aPaymentStatusNamesTheOrderItsAmountAndTransaction() {
        String statuses = """
                [{"id":"wamid.PAY-1","status":"captured","type":"payment","timestamp":"1750263900",
                  "recipient_id":"919876543210",
                  "payment":{"reference_id":"A-1001","amount":{"value":123400,"offset":100},"currency":"INR",
                             "transaction":{"id":"pay_Q1w2e3","type":"razorpay","status":"success",
                                            "created_timestamp":1750263890,"updated_timestamp":1750263900,
                                            "amount":{"value":123400,"offset":100},"currency":"INR"}}},
                 {"id":"wamid.PAY-2","status":"refunded","type":"payment","timestamp":"1750263901",
                  "recipient_id":"919876543210","payment":{"reference_id":"A-1001"}}]""";

        List<ChannelEvent> events = receive(envelope(value(null, null, statuses)));

        assertThat(events).hasSize(1);
        PaymentUpdate p = (PaymentUpdate) events.get(0);
        assertThat(p.eventId()).isEqualTo("payment:A-1001:pay_Q1w2e3:captured");
        assertThat(p.customer()).isEqualTo(PhoneNumber.of("+919876543210"));
        assertThat(p.referenceId()).isEqualTo("A-1001");
        assertThat(p.status()).isEqualTo(PaymentUpdate.Status.CAPTURED);
        assertThat(p.at()).isEqualTo(Instant.ofEpochSecond(1750263900));
        assertThat(p.amount()).contains(dev.deskbridge.connector.api.pricing.Money.of("1234.00", "INR"));
        assertThat(p.transactionId()).contains("pay_Q1w2e3");
        assertThat(p.transactionStatus()).contains("success");
        assertThat(p.business()).contains(BUSINESS);
        assertThat(context.badRecords()).singleElement().asString().contains("statuses[1]", "refunded",
                "the status was skipped");
    }

    @Test
    void aPaymentAmountBelowNothingAboveAnyOrdersOrNotWholeIsReadAsUnstated() {
        // Before, such an amount was kept, though no order can have it and it does not fit paid_amount NUMERIC(19,2).
        String statuses = """
                [{"id":"wamid.PAY-4","status":"captured","type":"payment","timestamp":"1750263900",
                  "recipient_id":"919876543210",
                  "payment":{"reference_id":"A-1","amount":{"value":9223372036854775807,"offset":1},"currency":"INR"}},
                 {"id":"wamid.PAY-5","status":"captured","type":"payment","timestamp":"1750263900",
                  "recipient_id":"919876543210",
                  "payment":{"reference_id":"A-2","amount":{"value":-500,"offset":100},"currency":"INR"}},
                 {"id":"wamid.PAY-6","status":"captured","type":"payment","timestamp":"1750263900",
                  "recipient_id":"919876543210",
                  "payment":{"reference_id":"A-3","amount":{"value":999999999999999999,"offset":100},"currency":"INR"}},
                 {"id":"wamid.PAY-7","status":"captured","type":"payment","timestamp":"1750263900",
                  "recipient_id":"919876543210",
                  "payment":{"reference_id":"A-4","amount":{"value":5000.5,"offset":100},"currency":"INR"}}]""";

        List<ChannelEvent> events = receive(envelope(value(null, null, statuses)));

        assertThat(events).hasSize(4);
        assertThat(((PaymentUpdate) events.get(3)).amount()).as("a fraction of the smallest unit").isEmpty();
        assertThat(((PaymentUpdate) events.get(0)).amount()).isEmpty();
        assertThat(((PaymentUpdate) events.get(1)).amount()).isEmpty();
        assertThat(((PaymentUpdate) events.get(2)).amount())
                .contains(dev.deskbridge.connector.api.pricing.Money.of("9999999999999999.99", "INR"));
    }

    @Test
    void aPaymentStatusForAnotherNumberOfTheAppNamesThatNumber() {
        // Meta sends every number's webhooks to the app's one URL; the host gives this one to that number's channel.
        String other = value(null, null, """
                [{"id":"wamid.PAY-3","status":"captured","type":"payment","timestamp":"1750263900",
                  "recipient_id":"919876543210","payment":{"reference_id":"B-1"}}]""")
                .replace("\"15550783881\",\"phone_number_id\":\"" + MetaStub.PHONE_NUMBER_ID,
                        "\"15550100002\",\"phone_number_id\":\"106540352242999");

        PaymentUpdate p = (PaymentUpdate) receive(envelope(other)).get(0);

        assertThat(p.business()).contains(PhoneNumber.of("+15550100002"));
        assertThat(p.referenceId()).isEqualTo("B-1");
    }

    @Test
    void statusesCarryPricingConversationAndErrors() {
        String statuses = """
                [{"id":"wamid.OUT-1","status":"sent","timestamp":"1750263773","recipient_id":"16505551234",
                  "conversation":{"id":"6ceb9d929c0d2e5d1aef6e06ef9c1e60","expiration_timestamp":"1750350180",
                                  "origin":{"type":"service"}},
                  "pricing":{"billable":false,"pricing_model":"PMP","category":"service","type":"free_customer_service"}},
                 {"id":"wamid.OUT-1","status":"delivered","timestamp":"1750263774","recipient_id":"16505551234",
                  "pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"}},
                 {"id":"wamid.OUT-1","status":"read","timestamp":"1750263800","recipient_id":"16505551234"},
                 {"id":"wamid.OUT-2","status":"failed","timestamp":"1750263801","recipient_id":"16505551234",
                  "errors":[{"code":131026,"title":"Message undeliverable","message":"Message undeliverable",
                             "error_data":{"details":"Message Undeliverable."},
                             "href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]}]""";

        List<ChannelEvent> events = receive(envelope(value(null, null, statuses)));

        assertThat(events).hasSize(4).allMatch(DeliveryUpdate.class::isInstance);
        DeliveryUpdate sent = (DeliveryUpdate) events.get(0);
        assertThat(sent.eventId()).isEqualTo("status:wamid.OUT-1:sent");
        assertThat(sent.providerMessageId()).isEqualTo("wamid.OUT-1");
        assertThat(sent.customer()).isEqualTo(CUSTOMER);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.at()).isEqualTo(Instant.ofEpochSecond(1750263773));
        assertThat(sent.pricing()).contains(new ProviderPricing(false, "PMP", "service", "free_customer_service"));
        assertThat(sent.providerConversationId()).contains("6ceb9d929c0d2e5d1aef6e06ef9c1e60");
        assertThat(sent.providerPrice()).isEmpty();
        DeliveryUpdate delivered = (DeliveryUpdate) events.get(1);
        assertThat(delivered.eventId()).isEqualTo("status:wamid.OUT-1:delivered");
        assertThat(delivered.pricing()).contains(new ProviderPricing(true, "PMP", "utility", "regular"));
        assertThat(delivered.providerConversationId()).isEmpty();
        assertThat(((DeliveryUpdate) events.get(2)).status()).isEqualTo(DeliveryStatus.READ);
        assertThat(((DeliveryUpdate) events.get(2)).pricing()).isEmpty();
        DeliveryUpdate failed = (DeliveryUpdate) events.get(3);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.errors()).containsExactly(
                new DeliveryError("131026", "Message undeliverable", Optional.of("Message Undeliverable.")));
        assertThat(context.badRecords()).isEmpty();
    }

    @Test
    void severalEntriesChangesMessagesAndStatusesAllComeThroughInOrder() {
        String change1 = value(CONTACT, "[" + message("wamid.IN-1", "text", "{\"body\":\"one\"}") + ","
                + message("wamid.IN-2", "text", "{\"body\":\"two\"}") + "]",
                "[{\"id\":\"wamid.OUT-9\",\"status\":\"delivered\",\"timestamp\":\"1750263774\","
                        + "\"recipient_id\":\"16505551234\"}]");
        String change2 = value(CONTACT, "[" + message("wamid.IN-3", "text", "{\"body\":\"three\"}") + "]", null);
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":["
                + "{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":" + change1 + "},"
                + "{\"field\":\"messages\",\"value\":" + change2 + "}]},"
                + "{\"id\":\"2\",\"changes\":[{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\"}},"
                + "{\"field\":\"messages\",\"value\":" + change2.replace("IN-3", "IN-4") + "}]}]}";

        List<ChannelEvent> events = receive(body);

        assertThat(events).extracting(ChannelEvent::eventId).containsExactly("msg:wamid.IN-1", "msg:wamid.IN-2",
                "status:wamid.OUT-9:delivered", "msg:wamid.IN-3", "msg:wamid.IN-4");
        // A template update naming no template is skipped and reported; the messages around it still come.
        assertThat(context.badRecords()).singleElement().asString().contains("names no template");
        assertThat(receive(body)).as("the same webhook again").extracting(ChannelEvent::eventId)
                .containsExactlyElementsOf(events.stream().map(ChannelEvent::eventId).toList());
    }

    @Test
    void aTemplateReinstatedUnarchivedOrFlaggedCanBeSentOthersAreAsMetaNamesThem() {
        // Meta's events that name no status: before, each was read as UNKNOWN, which refuses every send.
        for (String event : List.of("REINSTATED", "UNARCHIVED", "FLAGGED", "PAUSED", "DISABLED", "SOMETHING_NEW")) {
            String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
                    + "\"time\":1756720000,\"changes\":[{\"field\":\"message_template_status_update\",\"value\":"
                    + "{\"event\":\"" + event + "\",\"message_template_id\":920070352646140,"
                    + "\"message_template_name\":\"order_update\",\"message_template_language\":\"en_US\"}}]}]}";

            TemplateUpdate update = (TemplateUpdate) receive(body).get(0);

            assertThat(update.status()).as(event).contains(switch (event) {
                case "PAUSED" -> TemplateStatus.PAUSED;
                case "DISABLED" -> TemplateStatus.DISABLED;
                case "SOMETHING_NEW" -> TemplateStatus.UNKNOWN;
                default -> TemplateStatus.APPROVED;
            });
        }
    }

    @Test
    void templateStatusCategoryAndQualityUpdatesBecomeTemplateUpdatesWithStableIds() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
                + "\"time\":1756720000,\"changes\":["
                + "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"REJECTED\","
                + "\"message_template_id\":920070352646140,\"message_template_name\":\"order_update\","
                + "\"message_template_language\":\"en_US\",\"reason\":\"INCORRECT_CATEGORY\"}},"
                + "{\"field\":\"template_category_update\",\"value\":{\"message_template_id\":920070352646140,"
                + "\"message_template_name\":\"order_update\",\"message_template_language\":\"en_US\","
                + "\"previous_category\":\"UTILITY\",\"new_category\":\"MARKETING\"}},"
                + "{\"field\":\"message_template_quality_update\",\"value\":{\"previous_quality_score\":\"GREEN\","
                + "\"new_quality_score\":\"YELLOW\",\"message_template_id\":920070352646140,"
                + "\"message_template_name\":\"order_update\",\"message_template_language\":\"en_US\"}}]}]}";

        List<ChannelEvent> events = receive(body);

        assertThat(events).hasSize(3).allMatch(TemplateUpdate.class::isInstance);
        TemplateUpdate status = (TemplateUpdate) events.get(0);
        assertThat(status.providerId()).isEqualTo("920070352646140");
        assertThat(status.status()).contains(TemplateStatus.REJECTED);
        assertThat(status.reason()).contains("INCORRECT_CATEGORY");
        assertThat(status.at()).isEqualTo(Instant.ofEpochSecond(1756720000));
        assertThat(((TemplateUpdate) events.get(1)).category()).contains(TemplateCategory.MARKETING);
        assertThat(((TemplateUpdate) events.get(1)).status()).isEmpty();
        assertThat(((TemplateUpdate) events.get(2)).quality()).contains("YELLOW");
        assertThat(events).extracting(ChannelEvent::eventId).doesNotHaveDuplicates();
        assertThat(receive(body)).extracting(ChannelEvent::eventId)
                .containsExactlyElementsOf(events.stream().map(ChannelEvent::eventId).toList());
        assertThat(context.badRecords()).isEmpty();
    }

    @Test
    void unknownFieldsAnywhereAreIgnored() {
        String body = "{\"object\":\"whatsapp_business_account\",\"future\":{\"x\":[1,2]},\"entry\":[{\"id\":\"1\","
                + "\"time\":1750263773,\"changes\":[{\"field\":\"messages\",\"new\":true,\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + MetaStub.PHONE_NUMBER_ID + "\",\"extra\":\"y\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Sheena\",\"pic\":\"z\"},\"wa_id\":\"16505551234\",\"user_id\":\"US.1\"}],"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.U-1\",\"timestamp\":\"1749416383\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hi\",\"lang\":\"en\"},\"from_user_id\":\"US.1\"}]}}]}]}";

        List<ChannelEvent> events = receive(body);

        assertThat(events).singleElement().isInstanceOfSatisfying(InboundMessage.class, m -> {
            assertThat(m.content()).isEqualTo(new MessageContent.Text("hi"));
            assertThat(m.customerName()).contains("Sheena");
        });
        assertThat(context.badRecords()).isEmpty();
    }

    @Test
    void inboundMessageCarriesCustomerContextAndReferral() {
        String m = "{\"context\":{\"from\":\"15550783881\",\"id\":\"wamid.OUT-5\"},"
                + "\"referral\":{\"source_url\":\"https://fb.me/3cr4Wqqkv\",\"source_id\":\"120226305854810726\","
                + "\"source_type\":\"ad\",\"body\":\"Summer Succulents are here!\",\"headline\":\"Chat with us\","
                + "\"media_type\":\"image\",\"ctwa_clid\":\"Aff-n8ZTODiE79d22KtAwQKj9e\"},"
                + "\"from\":\"16505551234\",\"id\":\"wamid.IN-7\",\"timestamp\":\"1750275992\",\"type\":\"text\","
                + "\"text\":{\"body\":\"Hello! Can I get more info on this?\"}}";

        InboundMessage in = (InboundMessage) receive(envelope(value(CONTACT, "[" + m + "]", null))).get(0);

        assertThat(in).isEqualTo(new InboundMessage("msg:wamid.IN-7", "wamid.IN-7", BUSINESS, CUSTOMER,
                Optional.of("Sheena Nelson"), Instant.ofEpochSecond(1750275992),
                new MessageContent.Text("Hello! Can I get more info on this?"), Optional.of("wamid.OUT-5"),
                Optional.of(new Referral("ad", Optional.of("120226305854810726"), Optional.of("https://fb.me/3cr4Wqqkv"),
                        Optional.of("Aff-n8ZTODiE79d22KtAwQKj9e"), Optional.of("Chat with us"),
                        Optional.of("Summer Succulents are here!")))));
    }

    @Test
    void everyMediaKindKeepsIdMimeHashCaptionAndFilename() {
        String messages = "[" + String.join(",",
                message("wamid.M-1", "document", "{\"caption\":\"Invoice\",\"filename\":\"inv-42.pdf\","
                        + "\"mime_type\":\"application/pdf\",\"sha256\":\"Sf1=\",\"id\":\"2001\"}"),
                message("wamid.M-2", "audio", "{\"mime_type\":\"audio/ogg; codecs=opus\",\"sha256\":\"Sf2=\","
                        + "\"id\":\"2002\",\"voice\":true}"),
                message("wamid.M-3", "video", "{\"mime_type\":\"video/mp4\",\"sha256\":\"Sf3=\",\"id\":\"2003\"}"),
                message("wamid.M-4", "sticker", "{\"mime_type\":\"image/webp\",\"sha256\":\"Sf4=\",\"id\":\"2004\","
                        + "\"animated\":false}")) + "]";

        List<ChannelEvent> events = receive(envelope(value(CONTACT, messages, null)));

        assertThat(events).extracting(e -> ((InboundMessage) e).content()).containsExactly(
                new MessageContent.Media(MediaKind.DOCUMENT, "2001", Optional.of("application/pdf"), Optional.of("Sf1="),
                        Optional.of("Invoice"), Optional.of("inv-42.pdf")),
                new MessageContent.Media(MediaKind.AUDIO, "2002", Optional.of("audio/ogg; codecs=opus"),
                        Optional.of("Sf2="), Optional.empty(), Optional.empty()),
                new MessageContent.Media(MediaKind.VIDEO, "2003", Optional.of("video/mp4"), Optional.of("Sf3="),
                        Optional.empty(), Optional.empty()),
                new MessageContent.Media(MediaKind.STICKER, "2004", Optional.of("image/webp"), Optional.of("Sf4="),
                        Optional.empty(), Optional.empty()));
    }

    @Test
    void mediaWithoutAnIdKeepsItsCaptionAndSaysAFileWasSent() {
        String messages = "[" + String.join(",",
                message("wamid.N-1", "image", "{\"caption\":\"no id\",\"mime_type\":\"image/jpeg\"}"),
                message("wamid.N-2", "document", "{\"filename\":\"invoice.pdf\"}")) + "]";

        List<ChannelEvent> events = receive(envelope(value(CONTACT, messages, null)));

        assertThat(events).extracting(e -> ((InboundMessage) e).content()).containsExactly(
                new MessageContent.Text("no id\n[image not attached: WhatsApp sent it without a media id]"),
                new MessageContent.Text("[document \"invoice.pdf\" not attached: WhatsApp sent it without a media id]"));
        assertThat(context.badRecords()).extracting(FakeConnectorContext.BadRecord::reason).singleElement()
                .asString().contains("messages[0].image.id is missing; kept as text, without the file");
    }

    @Test
    void anOrderFromTheCatalogueIsShownWithItsItemsPricesAndText() {
        String messages = "[" + String.join(",",
                message("wamid.O-1", "order", "{\"catalog_id\":\"194836987003835\",\"text\":\"my order\","
                        + "\"product_items\":[{\"product_retailer_id\":\"di9ozbzfi4\",\"quantity\":2,"
                        + "\"item_price\":30,\"currency\":\"USD\"},{\"product_retailer_id\":\"nqryix03ez\","
                        + "\"quantity\":1,\"item_price\":25.5,\"currency\":\"USD\"}]}"),
                message("wamid.O-2", "order", "{\"catalog_id\":\"7\",\"text\":\"\",\"product_items\":["
                        + "{\"product_retailer_id\":\"a\",\"quantity\":1,\"item_price\":1000,\"currency\":\"JPY\"},"
                        + "{\"product_retailer_id\":\"b\",\"quantity\":1,\"item_price\":2.5,\"currency\":\"EUR\"},"
                        + "{\"product_retailer_id\":\"c\",\"quantity\":\"lots\",\"item_price\":1e999}]}"),
                message("wamid.O-3", "order", "{}")) + "]";

        List<ChannelEvent> events = receive(envelope(value(CONTACT, messages, null)));

        assertThat(events).extracting(e -> ((InboundMessage) e).content().summary()).containsExactly(
                "my order\n[order: 3 items, 85.50 USD, catalog 194836987003835]\n"
                        + "- 2 × di9ozbzfi4 at 30.00 USD\n- 1 × nqryix03ez at 25.50 USD",
                // Two currencies and an unreadable line: no total, but every line the customer sent.
                "[order: 2 items, catalog 7]\n- 1 × a at 1000 JPY\n- 1 × b at 2.50 EUR\n- ? × c",
                "[order: 0 items]");
        assertThat(context.badRecords()).isEmpty();
    }

    @Test
    void aSystemMessageShowsWhatChangedAndAChangedNumberLeavesTheConversationWhereItIs() {
        String messages = "[" + String.join(",",
                message("wamid.S-1", "system", "{\"body\":\"User Sheena Nelson changed from 16505551234 to "
                        + "12195555358\",\"wa_id\":\"12195555358\",\"type\":\"user_changed_number\"}"),
                message("wamid.S-2", "system", "{\"body\":\"User A changed from +1 to +2\","
                        + "\"new_wa_id\":\"4915149999999\",\"type\":\"user_changed_number\"}"),
                message("wamid.S-3", "system", "{\"body\":\"User Sheena Nelson changed their user ID\","
                        + "\"type\":\"user_changed_user_id\"}")) + "]";

        List<ChannelEvent> events = receive(envelope(value(CONTACT, messages, null)));

        assertThat(events).extracting(e -> ((InboundMessage) e).customer()).containsOnly(CUSTOMER);
        assertThat(events).extracting(e -> ((InboundMessage) e).content().summary()).containsExactly(
                "[number change: User Sheena Nelson changed from 16505551234 to 12195555358; new number +12195555358. "
                        + "This conversation stays with the old number; messages from the new one come as a new "
                        + "customer.]",
                "[number change: User A changed from +1 to +2; new number +4915149999999. This conversation stays "
                        + "with the old number; messages from the new one come as a new customer.]",
                "[system: User Sheena Nelson changed their user ID]");
    }

    @Test
    void unmodelledKindsKeepTheirRawType() {
        String messages = "[" + String.join(",",
                message("wamid.K-1", "interactive", "{\"type\":\"nfm_reply\",\"nfm_reply\":{\"response_json\":\"{}\"}}"),
                message("wamid.K-2", "hologram", "{\"catalog_id\":\"1\"}"),
                message("wamid.K-3", "request_welcome", "{}"),
                "{\"from\":\"16505551234\",\"id\":\"wamid.K-4\",\"timestamp\":\"1749416383\",\"type\":\"reaction\","
                        + "\"reaction\":{\"message_id\":\"wamid.OUT-1\"}}") + "]";

        List<ChannelEvent> events = receive(envelope(value(CONTACT, messages, null)));

        assertThat(events).extracting(e -> ((InboundMessage) e).content()).containsExactly(
                new MessageContent.Unsupported("interactive.nfm_reply"),
                new MessageContent.Unsupported("hologram"),
                new MessageContent.Unsupported("request_welcome"),
                new MessageContent.Reaction("wamid.OUT-1", ""));
        assertThat(context.badRecords()).isEmpty();
    }

    @Test
    void anUnreadableItemIsSkippedAndReportedWhileTheRestComesThrough() {
        String messages = "[" + String.join(",",
                "{\"from\":\"16505551234\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"no id\"}}",
                message("wamid.OK-1", "text", "{\"body\":\"fine\"}"),
                message("wamid.BAD-2", "text", "{}"),
                "{\"from\":\"not-a-number\",\"id\":\"wamid.BAD-3\",\"timestamp\":\"1\",\"type\":\"text\"}") + "]";
        String statuses = "[{\"id\":\"wamid.OUT-3\",\"status\":\"deleted\",\"timestamp\":\"1750263774\","
                + "\"recipient_id\":\"16505551234\"},{\"id\":\"wamid.OUT-4\",\"status\":\"sent\",\"timestamp\":\"soon\","
                + "\"recipient_id\":\"16505551234\"},{\"id\":\"wamid.OUT-5\",\"status\":\"sent\",\"timestamp\":\"1\","
                + "\"recipient_id\":\"16505551234\",\"pricing\":{\"billable\":\"yes\"}}]";

        List<ChannelEvent> events = receive(envelope(value(CONTACT, messages, statuses)));

        assertThat(events).extracting(ChannelEvent::eventId)
                .containsExactly("msg:wamid.OK-1", "msg:wamid.BAD-2", "status:wamid.OUT-5:sent");
        assertThat(((InboundMessage) events.get(1)).content()).as("the customer did write: kept, as unsupported")
                .isEqualTo(new MessageContent.Unsupported("text"));
        assertThat(((DeliveryUpdate) events.get(2)).pricing()).isEmpty();
        // One bad record for the delivery, naming every problem, with the body once.
        assertThat(context.badRecords()).extracting(FakeConnectorContext.BadRecord::reason).containsExactly(
                "6 problems: entry[0].changes[0].value.messages[0]: id is missing; the message was skipped; "
                + "entry[0].changes[0].value.messages[2].text.body is missing; kept as unsupported text; "
                + "entry[0].changes[0].value.messages[3]: from 'not-a-number' is not a WhatsApp id (digits); "
                        + "the message was skipped; "
                + "entry[0].changes[0].value.statuses[0]: status 'deleted' is not one of sent, delivered, read, "
                        + "failed; the status was skipped; "
                + "entry[0].changes[0].value.statuses[1]: timestamp 'soon' is not seconds since the epoch; "
                        + "the status was skipped; "
                + "entry[0].changes[0].value.statuses[2].pricing lacks billable, pricing_model or category; "
                        + "pricing left out");
        assertThat(context.badRecords()).allSatisfy(r -> assertThat(r.source()).isEqualTo("webhook"));
    }

    @Test
    void aBrokenEntryOrChangeIsSkippedAndReportedWhileTheGoodEventsOfTheOthersComeThrough() {
        String good = "{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":" + value(CONTACT,
                "[" + message("wamid.GOOD-1", "text", "{\"body\":\"still here\"}") + "]", null) + "}]}";
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[" + String.join(",", good,
                "\"not an entry\"",
                "{\"id\":\"3\"}",
                "{\"id\":\"4\",\"changes\":[7,{\"field\":\"messages\"},"
                        + "{\"field\":\"messages\",\"value\":{\"statuses\":{},\"messages\":["
                        + message("wamid.GOOD-2", "text", "{\"body\":\"me too\"}") + "]}}]}") + "]}";

        List<ChannelEvent> events = receive(body);

        assertThat(events).extracting(ChannelEvent::eventId).containsExactly("msg:wamid.GOOD-1", "msg:wamid.GOOD-2");
        assertThat(context.badRecords()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("5 problems: entry[1] is not an object; the entry was skipped; "
                    + "entry[2].changes is missing or not an array; the entry was skipped; "
                    + "entry[3].changes[0] is not an object; the change was skipped; "
                    + "entry[3].changes[1].value is missing or not an object; the change was skipped; "
                    + "entry[3].changes[2].value.statuses is not an array; its statuses were skipped");
            assertThat(new String(r.raw(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(body);
        });
    }

    @Test
    void aDeliveryOfManyBrokenItemsKeepsItsBodyOnceAndNamesTheFirstProblems() {
        StringBuilder statuses = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            statuses.append(i == 0 ? "" : ",").append("{\"id\":\"wamid.OUT-").append(i)
                    .append("\",\"status\":\"deleted\",\"timestamp\":\"1750263774\",\"recipient_id\":\"16505551234\"}");
        }

        assertThat(receive(envelope(value(CONTACT, null, statuses.append(']').toString())))).isEmpty();

        assertThat(context.badRecords()).singleElement().satisfies(r -> assertThat(r.reason())
                .startsWith("50 problems: entry[0].changes[0].value.statuses[0]: status 'deleted'")
                .contains("statuses[9]").doesNotContain("statuses[10]").endsWith("; and 40 more"));
    }

    @Test
    void eventsOfAnotherNumberOfTheSameAppCarryThatNumber() {
        String other = value(CONTACT, "[" + message("wamid.O-1", "text", "{\"body\":\"hi\"}") + "]", null)
                .replace(MetaStub.PHONE_NUMBER_ID, "999000111").replace("15550783881", "4930 1234 567");

        InboundMessage in = (InboundMessage) receive(envelope(other)).get(0);

        assertThat(in.business()).isEqualTo(PhoneNumber.of("+49301234567"));
    }
}
