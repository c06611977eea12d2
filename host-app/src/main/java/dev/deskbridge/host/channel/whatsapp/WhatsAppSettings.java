package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.config.ConfigSpec;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.config.Setting;
import dev.deskbridge.connector.api.config.SettingCheck;
import dev.deskbridge.connector.api.config.SettingType;
import dev.deskbridge.connector.api.config.Settings;
import dev.deskbridge.connector.api.model.PhoneNumber;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one WhatsApp Cloud API sender, declared for validation before start and read
 * into typed values once the host has validated them.
 *
 * @param graphApiVersion the Graph API version in the path ({@code v23.0})
 * @param phoneNumberId Meta's id of the business phone number; messages go out from it
 * @param businessNumber the same number in E.164, used as the business of every event
 * @param accessToken the system user's token, sent as a bearer token
 * @param appSecret the app secret that signs webhooks ({@code X-Hub-Signature-256})
 * @param verifyToken the token Meta echoes in the webhook verification handshake
 * @param baseUrl where the Graph API is (tests point it at a stub)
 * @param messagesPerSecond the sending limit of this phone number
 * @param rateLimitMaxWait how long a send may wait for its turn before it is refused as retryable
 * @param maxMediaBytes the largest inbound media file downloaded
 * @param maxResponseBytes the largest Graph API answer read into memory (JSON, not media files)
 * @param connectTimeout the connect timeout of HTTP calls
 * @param readTimeout how long an HTTP call may wait for Meta's answer
 * @param wabaId the WhatsApp Business Account's id, whose template catalogue is read; without it
 *     the channel has no catalogue
 */
public record WhatsAppSettings(
        String graphApiVersion,
        String phoneNumberId,
        PhoneNumber businessNumber,
        Secret accessToken,
        Secret appSecret,
        Secret verifyToken,
        URI baseUrl,
        int messagesPerSecond,
        Duration rateLimitMaxWait,
        long maxMediaBytes,
        long maxResponseBytes,
        Duration connectTimeout,
        Duration readTimeout,
        Optional<String> wabaId) {

    static final String GRAPH_API_VERSION = "graph_api_version";
    static final String PHONE_NUMBER_ID = "phone_number_id";
    static final String BUSINESS_NUMBER = "business_number";
    static final String ACCESS_TOKEN = "access_token";
    static final String APP_SECRET = "app_secret";
    static final String VERIFY_TOKEN = "verify_token";
    static final String BASE_URL = "base_url";
    static final String MESSAGES_PER_SECOND = "messages_per_second";
    static final String RATE_LIMIT_MAX_WAIT = "rate_limit_max_wait";
    static final String MAX_MEDIA_BYTES = "max_media_bytes";
    static final String MAX_RESPONSE_BYTES = "max_response_bytes";
    static final String CONNECT_TIMEOUT = "connect_timeout";
    static final String READ_TIMEOUT = "read_timeout";
    static final String WABA_ID = "waba_id";

    /**
     * 8 MiB. The largest answer the channel asks for is a page of 100 message templates with their
     * components: a template's body has at most 1024 characters, and with header, footer, buttons
     * and examples one is a few KB of JSON, so a page is well under 1 MB. Sends, media lookups and QR
     * codes answer with a few hundred bytes. Media files are not answers of this kind: they have
     * max_media_bytes.
     */
    static final long DEFAULT_MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    /** What a {@code whatsapp-cloud} channel takes. */
    public static final ConfigSpec SPEC = ConfigSpec.builder()
            .add(Setting.withDefault(GRAPH_API_VERSION, SettingType.STRING, "v23.0",
                    "Graph API version used in request paths, for example v23.0.")
                    .check(SettingCheck.pattern("v\\d{1,3}\\.\\d{1,3}", "a Graph API version like v23.0")))
            .add(Setting.required(PHONE_NUMBER_ID, SettingType.STRING,
                    "Meta's id of the business phone number (WhatsApp Manager, API setup), digits only.")
                    .check(SettingCheck.pattern("\\d{1,32}", "Meta's numeric phone number id")))
            .add(Setting.required(BUSINESS_NUMBER, SettingType.E164,
                    "The business phone number in E.164 form; every event of this channel carries it.")
                    .check(SettingCheck.of("a number of a length some country's numbers have",
                            WhatsAppSettings::possibleNumber,
                            "must be a possible phone number (of a length its country code has)", SettingType.E164)))
            .add(Setting.required(ACCESS_TOKEN, SettingType.STRING,
                    "System user access token with whatsapp_business_messaging permission.").asSecret())
            .add(Setting.required(APP_SECRET, SettingType.STRING,
                    "The Meta app's secret; it signs webhooks (X-Hub-Signature-256).").asSecret())
            .add(Setting.required(VERIFY_TOKEN, SettingType.STRING,
                    "The verify token entered in the app's webhook settings, echoed in the handshake.").asSecret())
            .add(Setting.withDefault(BASE_URL, SettingType.URL, "https://graph.facebook.com",
                    "Base URL of the Graph API; change only for a proxy or a test stub."))
            .add(Setting.withDefault(MESSAGES_PER_SECOND, SettingType.INTEGER, "80",
                    "Most messages sent per second from this number; bursts wait for their turn.")
                    .check(SettingCheck.range(1, 10_000)))
            .add(Setting.withDefault(RATE_LIMIT_MAX_WAIT, SettingType.DURATION, "30s",
                    "Longest a send waits for its turn before it is handed back to be retried later.")
                    .check(SettingCheck.durationBetween(Duration.ZERO, Duration.ofHours(1))))
            .add(Setting.withDefault(MAX_MEDIA_BYTES, SettingType.INTEGER, String.valueOf(16L * 1024 * 1024),
                    "Largest inbound media file downloaded, in bytes; larger files are refused.")
                    .check(SettingCheck.range(1, Long.MAX_VALUE)))
            .add(Setting.withDefault(MAX_RESPONSE_BYTES, SettingType.INTEGER,
                    String.valueOf(DEFAULT_MAX_RESPONSE_BYTES), "Largest Graph API answer read, in bytes (not media"
                            + " files, see max_media_bytes); a larger one is not read further and fails its call"
                            + " (retried). Raise it with the host's heap.")
                    .check(SettingCheck.range(64L * 1024, 64L * 1024 * 1024)))
            .add(Setting.withDefault(CONNECT_TIMEOUT, SettingType.DURATION, "10s",
                    "Connect timeout of calls to the Graph API.")
                    .check(SettingCheck.durationBetween(Duration.ofMillis(1), Duration.ofHours(1))))
            .add(Setting.withDefault(READ_TIMEOUT, SettingType.DURATION, "30s",
                    "How long a call to the Graph API may wait for the answer.")
                    .check(SettingCheck.durationBetween(Duration.ofMillis(1), Duration.ofHours(1))))
            .add(Setting.optional(WABA_ID, SettingType.STRING,
                    "The WhatsApp Business Account id (WhatsApp Manager > Account tools); its message templates"
                            + " are synced into the template catalogue. Without it the channel has no catalogue.")
                    .check(SettingCheck.pattern("\\d{1,32}", "Meta's numeric account id")))
            .build();

    public WhatsAppSettings {
        Objects.requireNonNull(graphApiVersion, "graphApiVersion");
        Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        Objects.requireNonNull(businessNumber, "businessNumber");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(appSecret, "appSecret");
        Objects.requireNonNull(verifyToken, "verifyToken");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(rateLimitMaxWait, "rateLimitMaxWait");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(wabaId, "wabaId");
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("messagesPerSecond must be at least 1");
        }
        if (maxMediaBytes < 1) {
            throw new IllegalArgumentException("maxMediaBytes must be at least 1");
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1");
        }
    }

    /** Reads validated settings (the host has applied {@link #SPEC}). */
    public static WhatsAppSettings from(Settings s) {
        String base = s.requireString(BASE_URL);
        return new WhatsAppSettings(
                s.requireString(GRAPH_API_VERSION),
                s.requireString(PHONE_NUMBER_ID),
                PhoneNumber.of(s.requireString(BUSINESS_NUMBER)),
                s.secret(ACCESS_TOKEN).orElseThrow(),
                s.secret(APP_SECRET).orElseThrow(),
                s.secret(VERIFY_TOKEN).orElseThrow(),
                URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                Math.toIntExact(s.integer(MESSAGES_PER_SECOND).orElseThrow()),
                s.duration(RATE_LIMIT_MAX_WAIT).orElseThrow(),
                s.integer(MAX_MEDIA_BYTES).orElseThrow(),
                s.integer(MAX_RESPONSE_BYTES).orElseThrow(),
                s.duration(CONNECT_TIMEOUT).orElseThrow(),
                s.duration(READ_TIMEOUT).orElseThrow(),
                s.string(WABA_ID).filter(w -> !w.isBlank()));
    }

    /** A thread-safe summary without secrets. */
    @Override
    public String toString() {
        return "WhatsAppSettings[phoneNumberId=" + phoneNumberId + ", business=" + businessNumber + ", version="
                + graphApiVersion + ", baseUrl=" + baseUrl + ", messagesPerSecond=" + messagesPerSecond + "]";
    }

    /** libphonenumber's length check only: a new range (or a test number) may not be known as valid yet. */
    private static boolean possibleNumber(String e164) {
        return com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().isPossibleNumber(e164, "ZZ");
    }
}
