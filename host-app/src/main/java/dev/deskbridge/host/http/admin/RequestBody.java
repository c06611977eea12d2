package dev.deskbridge.host.http.admin;

import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import java.io.IOException;

/**
 * A JSON request body read with a bound. Javalin's own check ({@code ctx.bodyAsBytes()}) looks only
 * at Content-Length, so a chunked body of any length would be read whole into memory; this reads
 * at most one byte past the same limit ({@code host.http.max_body_bytes}), as the webhooks do.
 */
final class RequestBody {
    private RequestBody() {}

    /** The body was over the limit; the caller answers with {@link #tooLarge}. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("the request body is over " + max + " bytes");
        }
    }

    static byte[] read(Context ctx) throws IOException {
        long max = ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey());
        if (ctx.req().getContentLengthLong() > max) {
            throw new TooLarge(max);
        }
        byte[] body = ctx.req().getInputStream().readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
        if (body.length > max) {
            throw new TooLarge(max);
        }
        return body;
    }

    /** Answers 413 and closes the connection, so the rest of the body is never read. */
    static void tooLarge(Context ctx, TooLarge e) {
        ctx.header("Connection", "close");
        AdminApi.send(ctx, 413, AdminJson.error("too_large", e.getMessage()));
    }
}
