package dev.deskbridge.host.channel.whatsapp;

import dev.deskbridge.connector.api.error.MediaTooLargeException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.model.Attachment;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fetches inbound media in Meta's two steps: the media id gives a short-lived URL, and that URL,
 * called with the same bearer token, gives the bytes. Files over the size limit are refused
 * (by the announced size, by Content-Length, and by counting the bytes as they stream in).
 */
final class MediaDownloader {
    private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/webp", "webp"),
            Map.entry("audio/ogg", "ogg"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/amr", "amr"), Map.entry("audio/mp4", "m4a"), Map.entry("video/mp4", "mp4"),
            Map.entry("video/3gpp", "3gp"), Map.entry("application/pdf", "pdf"), Map.entry("text/plain", "txt"));

    private final GraphClient graph;
    private final WhatsAppSettings settings;

    MediaDownloader(GraphClient graph, WhatsAppSettings settings) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    Attachment download(String mediaId) {
        if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
            throw new PermanentException("'" + abbreviate(String.valueOf(mediaId)) + "' is not a Cloud API media id");
        }
        long max = settings.maxMediaBytes();
        GraphApi.MediaInfo info = graph.call("look up media " + mediaId,
                () -> graph.api().mediaInfo(settings.graphApiVersion(), mediaId, settings.phoneNumberId()));
        if (info == null || info.url() == null || info.url().isBlank()) {
            throw new PermanentException("Meta gave no download URL for media " + mediaId);
        }
        parseSize(info.fileSize()).filter(size -> size > max).ifPresent(size -> {
            throw tooBig(mediaId, size + " bytes");
        });
        URI url = downloadUrl(mediaId, info.url());
        String mime = Optional.ofNullable(info.mimeType()).filter(m -> !m.isBlank()).orElse(null);
        try (Response response = graph.call("download media " + mediaId, () -> graph.api().download(url))) {
            if (!GraphClient.isSuccess(response)) {
                throw graph.failure(response);
            }
            Optional<Long> length = header(response.headers(), "Content-Length").flatMap(MediaDownloader::parseSize);
            if (length.isPresent() && length.get() > max) {
                throw tooBig(mediaId, length.get() + " bytes");
            }
            byte[] bytes = readAtMost(response, max, mediaId);
            String type = mime != null ? mime
                    : header(response.headers(), "Content-Type").orElse(OCTET_STREAM);
            return new Attachment(filename(mediaId, type), type, bytes);
        }
    }

    /** Meta's URL, refused when it would send the token somewhere it should not go. */
    private URI downloadUrl(String mediaId, String raw) {
        URI url;
        try {
            url = URI.create(raw.trim());
        } catch (IllegalArgumentException e) {
            throw new PermanentException("Meta's download URL for media " + mediaId + " is not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean allowed = scheme.equals("https") || scheme.equalsIgnoreCase(settings.baseUrl().getScheme());
        if (!allowed || url.getHost() == null) {
            throw new PermanentException("Meta's download URL for media " + mediaId
                    + " is not an absolute https URL; the token is not sent there");
        }
        return url;
    }

    private byte[] readAtMost(Response response, long max, String mediaId) {
        if (response.body() == null) {
            return new byte[0];
        }
        int cap = (int) Math.min(max, Integer.MAX_VALUE - 16L);
        try (InputStream in = response.body().asInputStream()) {
            byte[] bytes = in.readNBytes(cap);
            if (bytes.length == cap && in.read() != -1) {
                throw tooBig(mediaId, "more than " + max + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new RetryableException("the download of media " + mediaId + " broke off: " + e.getMessage(), null, e);
        }
    }

    private MediaTooLargeException tooBig(String mediaId, String size) {
        return new MediaTooLargeException("media " + mediaId + " is " + size + ", over the limit of "
                + settings.maxMediaBytes() + " bytes (setting max_media_bytes)", settings.maxMediaBytes());
    }

    static String filename(String mediaId, String mimeType) {
        String base = mimeType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return mediaId + "." + EXTENSIONS.getOrDefault(base, "bin");
    }

    private static Optional<String> header(Map<String, Collection<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name))
                .flatMap(h -> h.getValue().stream())
                .findFirst();
    }

    private static Optional<Long> parseSize(String raw) {
        if (raw == null || !raw.trim().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(raw.trim()));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
