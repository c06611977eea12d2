package dev.deskbridge.host.channel.whatsapp;

import feign.Request;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The most of one Graph API answer the channel reads into memory (setting {@code max_response_bytes}):
 * Jackson would otherwise build a tree of whatever arrives, and a misbehaving Graph API or proxy
 * answering a template page with endless small objects ran the host out of heap (probe I N2).
 *
 * <p>A decoder, because the decoder is what reads a 2xx answer: Feign hands the raw {@link Response}
 * of a media download to {@link MediaDownloader} without decoding it (that has its own, larger
 * limit, {@code max_media_bytes}), and error answers go to {@link MetaErrorDecoder}, which reads at
 * most 64 KiB of them. A Content-Length over the ceiling fails before any of the body is read; a
 * body without one fails at the read that crosses it. Either way the failure is an
 * {@link OversizedAnswerException} naming the method and path (never the query), which Feign
 * reports as an answer it could not read, and closing the body drops the rest unread.
 */
final class AnswerCeiling implements Decoder {
    private final Decoder decoder;
    private final long maxBytes;

    AnswerCeiling(Decoder decoder, long maxBytes) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1");
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (response.body() == null) {
            return decoder.decode(response, type);
        }
        String request = describe(response.request());
        long declared = declaredLength(response);
        if (declared > maxBytes) {
            throw new OversizedAnswerException(request, maxBytes, "Content-Length " + declared);
        }
        // A gzip body may declare less than it unpacks to: the count is of what Jackson would be given.
        String seen = declared < 0 ? "no Content-Length; more than that arrived" : "more than that arrived";
        CappedInputStream capped = new CappedInputStream(response.body().asInputStream(), maxBytes,
                () -> new OversizedAnswerException(request, maxBytes, seen));
        return decoder.decode(response.toBuilder().body(capped, response.body().length()).build(), type);
    }

    /** {@code GET /v23.0/…/message_templates}: the query may hold cursors or, from a proxy, worse. */
    private static String describe(Request request) {
        if (request == null) {
            return "a Graph API call";
        }
        String path;
        try {
            path = URI.create(request.url()).getRawPath();
        } catch (IllegalArgumentException e) {
            path = "(unparsable path)";
        }
        return request.httpMethod() + " " + path;
    }

    /** The answer's Content-Length, or -1 when it has none (chunked) or none that reads as a number. */
    private static long declaredLength(Response response) {
        // From the header: Feign's own body length is an int, and a length past 2 GiB would wrap.
        for (Map.Entry<String, Collection<String>> h : response.headers().entrySet()) {
            if ("Content-Length".equalsIgnoreCase(h.getKey())) {
                for (String v : h.getValue()) {
                    try {
                        return Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        return -1; // the count as it is read still holds
                    }
                }
            }
        }
        return -1;
    }
}
