package dev.deskbridge.host.demo.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.model.PhoneNumber;
import dev.deskbridge.host.demo.standin.WebhookPoster;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

// size: one stand-in for one provider: the Graph API answers and the signed webhooks share its state.
/**
 * Meta's WhatsApp Cloud API on loopback, for the demo. It answers the Graph API calls the host
 * makes ({@code POST /{version}/{phone-number-id}/messages}, media lookup and download) like Meta
 * (a {@code wamid} per accepted message; error 190 for a bad token, 100 for a bad request, 131047
 * for a free-form message outside the customer's 24-hour window), and plays the customers' phones
 * and Meta's status reports by sending signed webhooks to the host.
 */
public final class WhatsAppStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SERVICE_WINDOW = Duration.ofHours(24);

    private final Clock clock;
    private final Account account;
    private final MetaWebhooks webhooks;
    private final WebhookPoster poster = new WebhookPoster();
    private final SecureRandom random = new SecureRandom();
    private final List<SentMessage> sent = new CopyOnWriteArrayList<>();
    private final Map<String, PhoneNumber> sentTo = new ConcurrentHashMap<>();
    private final Map<PhoneNumber, Instant> lastCustomerMessage = new ConcurrentHashMap<>();
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final Javalin app;
    private final String baseUrl;
    private volatile String webhookUrl;

    /**
     * The WhatsApp Business account the stand-in plays.
     *
     * @param graphApiVersion the version in request paths ({@code v23.0})
     * @param phoneNumberId Meta's id of the business number
     * @param business the business number
     * @param wabaId the WhatsApp Business Account id (the webhook's entry id)
     * @param accessToken the token sends must carry
     * @param appSecret the secret webhooks are signed with
     */
    public record Account(String graphApiVersion, String phoneNumberId, PhoneNumber business, String wabaId,
            Secret accessToken, Secret appSecret) {
        public Account {
            Objects.requireNonNull(graphApiVersion, "graphApiVersion");
            Objects.requireNonNull(phoneNumberId, "phoneNumberId");
            Objects.requireNonNull(business, "business");
            Objects.requireNonNull(wabaId, "wabaId");
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(appSecret, "appSecret");
        }
    }

    /**
     * The ad a customer came from (a Click-to-WhatsApp ad): Meta's {@code referral} object.
     *
     * @param sourceId the ad's id
     * @param headline the ad's headline
     * @param body the ad's text
     */
    public record AdReferral(String sourceId, String headline, String body) {
        public AdReferral {
            Objects.requireNonNull(sourceId, "sourceId");
            Objects.requireNonNull(headline, "headline");
            Objects.requireNonNull(body, "body");
        }
    }

    private record Media(String mimeType, byte[] bytes, String sha256) {}

    private WhatsAppStandIn(Clock clock, Account account) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.account = Objects.requireNonNull(account, "account");
        this.webhooks = new MetaWebhooks(account.wabaId(), account.phoneNumberId(), account.business());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
        });
        // The download route first: its path would also match the media lookup's.
        app.get("/whatsapp_business/attachments", this::download);
        app.post("/{version}/{phoneNumberId}/messages", this::messages);
        app.get("/{version}/{mediaId}", this::mediaInfo);
        app.exception(MetaApiError.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
        app.start("127.0.0.1", 0);
        this.baseUrl = "http://127.0.0.1:" + app.port();
    }

    /** Starts the stand-in on a free loopback port. */
    public static WhatsAppStandIn start(Clock clock, Account account) {
        return new WhatsAppStandIn(clock, account);
    }

    /** Where the Graph API answers: the channel's {@code base_url} setting. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Where webhooks go: the host's {@code /webhooks/channels/{id}}. */
    public void deliverWebhooksTo(String url) {
        this.webhookUrl = Objects.requireNonNull(url, "url");
    }

    // ---- the customers' phones

    /** A customer sends a text; its wamid. */
    public String customerWrites(PhoneNumber from, String name, String text) {
        ObjectNode m = JSON.createObjectNode().put("type", "text");
        m.putObject("text").put("body", text);
        return customerMessage(from, name, m);
    }

    /** A customer writes after tapping a Click-to-WhatsApp ad: the message carries the ad as {@code referral}. */
    public String customerWritesFromAd(PhoneNumber from, String name, String text, AdReferral ad) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("referral").put("source_url", "https://fb.me/" + ad.sourceId()).put("source_id", ad.sourceId())
                .put("source_type", "ad").put("body", ad.body()).put("headline", ad.headline())
                .put("media_type", "image").put("image_url", baseUrl + "/ads/" + ad.sourceId() + ".jpg")
                .put("ctwa_clid", "ARAk" + token(48));
        m.put("type", "text");
        m.putObject("text").put("body", text);
        return customerMessage(from, name, m);
    }

    /** A customer sends a picture with a caption; its wamid. */
    public String customerSendsImage(PhoneNumber from, String name, String caption, String mimeType, byte[] bytes) {
        String id = String.valueOf(1_000_000_000_000_000L + Math.floorMod(random.nextLong(), 8_000_000_000_000_000L));
        String sha256 = sha256(bytes);
        media.put(id, new Media(mimeType, bytes.clone(), sha256));
        ObjectNode m = JSON.createObjectNode().put("type", "image");
        m.putObject("image").put("caption", caption).put("mime_type", mimeType).put("sha256", sha256).put("id", id);
        return customerMessage(from, name, m);
    }

    // ---- Meta's status reports

    /** Meta reports a status ({@code sent}, {@code delivered}, {@code read}) of a message the host sent. */
    public void report(String wamid, String status, Optional<MetaPricing> pricing) {
        deliver(webhooks.status(wamid, recipientOf(wamid), status, clock.instant(), pricing, Optional.empty()));
    }

    /** Meta reports that a message the host sent failed. */
    public void reportFailure(String wamid, MetaError error) {
        deliver(webhooks.status(wamid, recipientOf(wamid), "failed", clock.instant(), Optional.empty(), Optional.of(error)));
    }

    /** Every message the host sent, oldest first. */
    public List<SentMessage> sent() {
        return List.copyOf(sent);
    }

    /** The messages sent to one customer, oldest first. */
    public List<SentMessage> sentTo(PhoneNumber customer) {
        return sent.stream().filter(m -> m.to().equals(customer)).toList();
    }

    @Override
    public void close() {
        app.stop();
    }

    // ---- Graph API

    private void messages(Context ctx) {
        authenticate(ctx);
        if (!account.phoneNumberId().equals(ctx.pathParam("phoneNumberId"))) {
            throw MetaApiError.of(400, 100, "GraphMethodException", "Unsupported post request. Object with ID '"
                    + ctx.pathParam("phoneNumberId") + "' does not exist, cannot be loaded due to missing permissions,"
                    + " or does not support this operation.");
        }
        JsonNode body = body(ctx);
        if (!"whatsapp".equals(body.path("messaging_product").asText())) {
            throw invalidParameter("messaging_product must be 'whatsapp'");
        }
        if ("read".equals(body.path("status").asText())) {
            ctx.json(Map.of("success", true));
            return;
        }
        PhoneNumber to = recipient(body.path("to").asText(""));
        String type = body.path("type").asText("text");
        String summary = summary(type, body);
        if (!"template".equals(type)) {
            Instant last = lastCustomerMessage.get(to);
            if (last == null || !clock.instant().isBefore(last.plus(SERVICE_WINDOW))) {
                throw MetaApiError.of(400, 131047, "OAuthException", "Re-engagement message",
                        "Message failed to send because more than 24 hours have passed since the customer last "
                                + "replied to this number.");
            }
        }
        String wamid = "wamid.HBgM" + token(40) + "AA==";
        sent.add(new SentMessage(wamid, to, type, summary, body, clock.instant()));
        sentTo.put(wamid, to);
        ObjectNode answer = JSON.createObjectNode().put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", body.path("to").asText()).put("wa_id", to.digits());
        ObjectNode message = answer.putArray("messages").addObject().put("id", wamid);
        if ("template".equals(type)) {
            message.put("message_status", "accepted");
        }
        ctx.json(answer);
    }

    private void mediaInfo(Context ctx) {
        authenticate(ctx);
        String id = ctx.pathParam("mediaId");
        Media m = media.get(id);
        if (m == null) {
            throw MetaApiError.of(400, 100, "GraphMethodException", "Unsupported get request. Object with ID '"
                    + id + "' does not exist.");
        }
        ctx.json(Map.of("messaging_product", "whatsapp", "url", baseUrl + "/whatsapp_business/attachments/?mid=" + id,
                "mime_type", m.mimeType(), "sha256", m.sha256(), "file_size", String.valueOf(m.bytes().length), "id", id));
    }

    private void download(Context ctx) {
        authenticate(ctx);
        Media m = Optional.ofNullable(ctx.queryParam("mid")).map(media::get)
                .orElseThrow(() -> MetaApiError.of(404, 100, "GraphMethodException", "No such media"));
        ctx.contentType(m.mimeType()).result(m.bytes());
    }

    private void authenticate(Context ctx) {
        byte[] expected = ("Bearer " + account.accessToken().reveal()).getBytes(StandardCharsets.UTF_8);
        byte[] given = Optional.ofNullable(ctx.header("Authorization")).orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw MetaApiError.of(401, 190, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
        }
    }

    private static JsonNode body(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) {
                throw invalidParameter("the body is not a JSON object");
            }
            return body;
        } catch (java.io.IOException e) {
            throw invalidParameter("the body is not JSON");
        }
    }

    private static String summary(String type, JsonNode body) {
        switch (type) {
            case "text":
                return body.path("text").path("body").asText();
            case "template":
                String name = body.path("template").path("name").asText("");
                if (name.isEmpty() || body.path("template").path("language").path("code").asText("").isEmpty()) {
                    throw invalidParameter("template.name and template.language.code are required");
                }
                return name;
            case "image":
            case "document":
            case "audio":
            case "video":
            case "sticker":
                JsonNode m = body.path(type);
                return m.path("link").asText(m.path("id").asText(""));
            default:
                return type;
        }
    }

    private PhoneNumber recipientOf(String wamid) {
        PhoneNumber to = sentTo.get(wamid);
        if (to == null) {
            throw new IllegalArgumentException("the host never sent " + wamid);
        }
        return to;
    }

    private static PhoneNumber recipient(String to) {
        try {
            return PhoneNumber.fromDigits(to.replaceAll("[^0-9]", ""));
        } catch (IllegalArgumentException e) {
            throw invalidParameter("'to' is not a phone number");
        }
    }

    private String customerMessage(PhoneNumber from, String name, ObjectNode message) {
        String wamid = "wamid.HBgM" + from.digits() + token(24) + "AA==";
        Instant at = clock.instant();
        lastCustomerMessage.merge(from, at, (a, b) -> a.isAfter(b) ? a : b);
        deliver(webhooks.customerMessage(from, name, wamid, at, message));
        return wamid;
    }

    private void deliver(byte[] body) {
        String url = webhookUrl;
        if (url == null) {
            throw new IllegalStateException("no webhook URL yet: call deliverWebhooksTo first");
        }
        WebhookPoster.Answer answer = poster.post(url, body, Map.of("Content-Type", "application/json",
                "User-Agent", "facebookexternalua", MetaWebhooks.SIGNATURE_HEADER,
                MetaWebhooks.signature(account.appSecret().reveal(), body)));
        if (!answer.accepted()) {
            throw new IllegalStateException("the host refused a WhatsApp webhook: HTTP " + answer.status() + " "
                    + answer.body());
        }
    }

    private String token(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static MetaApiError invalidParameter(String detail) {
        return MetaApiError.of(400, 100, "OAuthException", "(#100) Invalid parameter", detail);
    }
}
