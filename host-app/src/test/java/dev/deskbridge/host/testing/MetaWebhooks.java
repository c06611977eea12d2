package dev.deskbridge.host.testing;

import java.time.Instant;

/** Webhook bodies shaped like Meta's WhatsApp Cloud API notifications. */
public final class MetaWebhooks {
    private MetaWebhooks() {}

    private static String envelope(String value) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"" + HostFixture.BUSINESS.substring(1) + "\",\"phone_number_id\":\""
                + HostFixture.META_PHONE_NUMBER_ID + "\"}," + value + "}}]}]}";
    }

    /**
     * The same body addressed to another number ({@code metadata}), as Meta sends the events of each
     * number of an app to the app's one callback URL.
     */
    public static String forNumber(String body, String business, String phoneNumberId) {
        String ours = "\"metadata\":{\"display_phone_number\":\"" + HostFixture.BUSINESS.substring(1)
                + "\",\"phone_number_id\":\"" + HostFixture.META_PHONE_NUMBER_ID + "\"}";
        if (!body.contains(ours)) {
            throw new IllegalArgumentException("not a body of MetaWebhooks");
        }
        return body.replace(ours, "\"metadata\":{\"display_phone_number\":\"" + business.substring(1)
                + "\",\"phone_number_id\":\"" + phoneNumberId + "\"}");
    }

    /** One delivery holding the changes of several bodies of MetaWebhooks, in order (Meta batches them). */
    public static String batched(String... bodies) {
        StringBuilder changes = new StringBuilder();
        for (String b : bodies) {
            int start = b.indexOf("\"changes\":[") + "\"changes\":[".length();
            int end = b.lastIndexOf("]}]}");
            changes.append(changes.length() == 0 ? "" : ",").append(b, start, end);
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":["
                + changes + "]}]}";
    }

    /** A customer's text message. */
    public static String text(String wamid, String customer, String body, Instant at) {
        String waId = customer.substring(1);
        return envelope("\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + at.getEpochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]");
    }

    /**
     * A customer's message of any {@code type}, its object ({@code "image": {...}}) given as JSON:
     * media, orders, system messages.
     */
    public static String message(String wamid, String customer, Instant at, String type, String content) {
        String waId = customer.substring(1);
        return envelope("\"contacts\":[{\"profile\":{\"name\":\"Ann\"},\"wa_id\":\"" + waId + "\"}],"
                + "\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + at.getEpochSecond() + "\",\"type\":\"" + type + "\",\"" + type + "\":" + content + "}]");
    }

    /** A status of a sent message, with Meta's pricing object when {@code category} is given. */
    public static String status(String wamid, String customer, String status, Instant at, boolean billable,
            String category, String type) {
        return status(wamid, customer, status, at, billable, category, type, null);
    }

    /**
     * A status of a sent message, with Meta's pricing object when {@code category} is given and the
     * send's {@code biz_opaque_callback_data} echoed when {@code callbackData} is (as Meta does).
     */
    public static String status(String wamid, String customer, String status, Instant at, boolean billable,
            String category, String type, String callbackData) {
        String pricing = category == null ? "" : ",\"pricing\":{\"billable\":" + billable
                + ",\"pricing_model\":\"PMP\",\"category\":\"" + category + "\",\"type\":\"" + type + "\"}";
        String errors = status.equals("failed")
                ? ",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\",\"message\":\"Message "
                        + "undeliverable\",\"error_data\":{\"details\":\"Message Undeliverable.\"}}]"
                : "";
        return envelope("\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                + at.getEpochSecond() + "\",\"recipient_id\":\"" + customer.substring(1) + "\"" + pricing + errors
                + (callbackData == null ? "" : ",\"biz_opaque_callback_data\":\"" + callbackData + "\"") + "}]");
    }

    /**
     * A status of a sent message echoing the send's {@code biz_opaque_callback_data}, as Meta does in
     * every status of a message whose send carried it (DeskBridge puts the outbox id there).
     */
    public static String statusOfSend(String wamid, String customer, String status, Instant at, String callbackData) {
        return status(wamid, customer, status, at, false, null, null, callbackData);
    }

    /** A {@code failed} status with Meta's error {@code code}, as Meta reports an undelivered message. */
    public static String failed(String wamid, String customer, Instant at, int code, String title, String details) {
        return envelope("\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"failed\",\"timestamp\":\""
                + at.getEpochSecond() + "\",\"recipient_id\":\"" + customer.substring(1) + "\",\"errors\":[{\"code\":"
                + code + ",\"title\":\"" + title + "\",\"message\":\"" + title + "\",\"error_data\":{\"details\":\""
                + details + "\"}}]}]");
    }

    /**
     * A payment status of an order the business sent (Meta's payments in India and Brazil):
     * {@code statuses[]} with {@code type: payment}, the order's reference, amount and transaction.
     */
    public static String payment(String wamid, String customer, String reference, String status, Instant at,
            long hundredths, String currency, String transactionId, String transactionStatus) {
        return envelope("\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"type\":\"payment\","
                + "\"timestamp\":\"" + at.getEpochSecond() + "\",\"recipient_id\":\"" + customer.substring(1) + "\","
                + "\"payment\":{\"reference_id\":\"" + reference + "\",\"amount\":{\"value\":" + hundredths
                + ",\"offset\":100},\"currency\":\"" + currency + "\",\"transaction\":{\"id\":\"" + transactionId
                + "\",\"type\":\"razorpay\",\"status\":\"" + transactionStatus + "\",\"created_timestamp\":"
                + at.getEpochSecond() + ",\"updated_timestamp\":" + at.getEpochSecond() + ",\"amount\":{\"value\":"
                + hundredths + ",\"offset\":100},\"currency\":\"" + currency + "\"}}}]");
    }
}
