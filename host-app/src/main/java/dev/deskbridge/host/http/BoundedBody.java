package dev.deskbridge.host.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;

/**
 * A request body read with a bound. A declared length over it is refused before a byte is read; a body
 * of unknown length (chunked) is read only up to one byte past it, so an oversized one costs at most the
 * bound in memory however long it is (the server's own check looks only at the declared length).
 */
public final class BoundedBody {
    private BoundedBody() {}

    /** The body, or empty when it is over {@code max} bytes (the caller answers 413). */
    public static Optional<byte[]> read(HttpServletRequest request, long max) throws IOException {
        if (request.getContentLengthLong() > max) {
            return Optional.empty();
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        return body.length > max ? Optional.empty() : Optional.of(body);
    }
}
