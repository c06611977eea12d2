package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Meta's QR codes and short links for one WhatsApp Cloud API number ({@code message_qrdls}):
 * create, list, change the prefilled message, delete, and fetch the image as PNG or SVG. Failures
 * are the SPI's classes, as for sending.
 */
public final class MetaQrCodes {
    /**
     * Meta's QR code ids: 14 upper-case letters and digits. The description says base32
     * ({@code [A-Z2-7]}), but every id it shows ends in '1' ({@code ANED2T5QRU7HG1}).
     */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9]{14}");
    /** The longest prefilled message Meta takes. */
    public static final int MAX_MESSAGE = 140;
    private static final int PAGE = 25;
    private static final int MAX_PAGES = 40;
    private static final int MAX_IMAGE_BYTES = 2 * 1024 * 1024;

    /** An image format Meta renders QR codes in. */
    public enum ImageFormat {
        PNG("image/png"), SVG("image/svg+xml");

        private final String mediaType;

        ImageFormat(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }

        /** {@code png} or {@code svg}, any case. */
        public static ImageFormat of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected png or svg, got '" + name + "'");
            }
        }
    }

    /**
     * A QR code at Meta.
     *
     * @param code Meta's id of it
     * @param prefilledMessage the text it prefills
     * @param shortLink Meta's short link ({@code https://wa.me/message/CODE})
     */
    public record QrCode(String code, String prefilledMessage, String shortLink) {
        public QrCode {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(prefilledMessage, "prefilledMessage");
            Objects.requireNonNull(shortLink, "shortLink");
        }
    }

    /** A QR code's image. */
    public record Image(ImageFormat format, byte[] bytes) {
        public Image {
            Objects.requireNonNull(format, "format");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    private final WhatsAppSettings settings;
    private final GraphClient graph;
    private final QrCodeApi api;
    private final HttpClient images;

    private MetaQrCodes(WhatsAppSettings settings, GraphClient graph, QrCodeApi api, HttpClient images) {
        this.settings = settings;
        this.graph = graph;
        this.api = api;
        this.images = images;
    }

    /** The QR codes of a channel's number; touches no network until called. */
    public static MetaQrCodes of(WhatsAppSettings settings, Clock clock) {
        // Images come from Meta's CDN: a plain client, so the access token never travels there.
        HttpClient images = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new MetaQrCodes(settings, GraphClient.create(settings, clock),
                GraphClient.target(QrCodeApi.class, settings, clock), images);
    }

    /** Creates a QR code and short link prefilling {@code message}. */
    public QrCode create(String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("prefilled_message", checked(message));
        return qr(graph.call("create a QR code", () -> api.createOrUpdate(version(), phone(), body)));
    }

    /** Changes the prefilled message of QR code {@code code}. */
    public QrCode update(String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("code", checkedCode(code))
                .put("prefilled_message", checked(message));
        return qr(graph.call("update QR code " + code, () -> api.createOrUpdate(version(), phone(), body)));
    }

    /** Every QR code of the number (newest first), following Meta's pages. */
    public List<QrCode> list() {
        List<QrCode> all = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String cursor = after;
            QrCodeApi.QrCodeList list = graph.call("list QR codes", () -> api.list(version(), phone(), PAGE, cursor));
            list.data().forEach(q -> all.add(qr(q)));
            after = Optional.ofNullable(list.paging()).filter(p -> p.next() != null)
                    .map(QrCodeApi.Paging::cursors).map(QrCodeApi.Cursors::after).orElse(null);
            if (after == null || list.data().isEmpty()) {
                break;
            }
        }
        return List.copyOf(all);
    }

    /** Deletes QR code {@code code}; its short link stops working. */
    public void delete(String code) {
        graph.call("delete QR code " + code, () -> api.delete(version(), phone(), checkedCode(code)));
    }

    /** The image of QR code {@code code}, rendered by Meta. */
    public Image image(String code, ImageFormat format) {
        String fields = "code,prefilled_message,deep_link_url,qr_image_url.format(" + format.name() + ")";
        QrCodeApi.QrCodeList found = graph.call("read QR code " + code,
                () -> api.get(version(), phone(), checkedCode(code), fields));
        String url = found.data().stream().map(QrCodeApi.QrCode::qrImageUrl).filter(Objects::nonNull).findFirst()
                .orElseThrow(() -> new PermanentException("Meta gave no image for QR code " + code));
        return new Image(format, download(URI.create(url), code));
    }

    private byte[] download(URI url, String code) {
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
            throw new PermanentException("Meta's image URL of QR code " + code + " is not http(s)");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.readTimeout()).GET().build();
        try {
            HttpResponse<InputStream> response = images.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    String problem = "the image of QR code " + code + " answered " + response.statusCode();
                    throw response.statusCode() >= 500 ? new RetryableException(problem)
                            : new PermanentException(problem, String.valueOf(response.statusCode()), null);
                }
                byte[] bytes = in.readNBytes(MAX_IMAGE_BYTES + 1);
                if (bytes.length > MAX_IMAGE_BYTES) {
                    throw new PermanentException("the image of QR code " + code + " is over 2 MB");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new RetryableException("could not fetch the image of QR code " + code + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableException("interrupted while fetching the image of QR code " + code);
        }
    }

    private static QrCode qr(QrCodeApi.QrCode q) {
        if (q == null || q.code() == null || q.deepLinkUrl() == null) {
            throw new PermanentException("Meta answered without a QR code");
        }
        return new QrCode(q.code(), Objects.requireNonNullElse(q.prefilledMessage(), ""), q.deepLinkUrl());
    }

    private static String checked(String message) {
        if (message.isBlank() || message.length() > MAX_MESSAGE) {
            throw new IllegalArgumentException("a prefilled message has 1 to " + MAX_MESSAGE + " characters, got "
                    + message.length());
        }
        return message;
    }

    private static String checkedCode(String code) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("'" + code + "' is not a Meta QR code id (14 upper-case letters and digits)");
        }
        return code;
    }

    private String version() {
        return settings.graphApiVersion();
    }

    private String phone() {
        return settings.phoneNumberId();
    }
}
