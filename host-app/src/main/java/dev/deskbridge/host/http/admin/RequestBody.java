package dev.deskbridge.host.http.admin;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.host.http.BoundedBody;
import io.javalin.http.Context;
import io.javalin.http.servlet.MaxRequestSize;
import java.io.IOException;

/**
 * A JSON request body read with the same bound as the webhooks' ({@code host.http.max_body_bytes}, see
 * {@link BoundedBody}): Javalin's own check ({@code ctx.bodyAsBytes()}) looks only at Content-Length, so a
 * chunked body of any length would be read whole into memory.
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
        return read(ctx, ctx.appData(MaxRequestSize.INSTANCE.getMaxRequestSizeKey()));
    }

    /** The body, bounded by a limit of its own (a campaign's recipients file is larger than any message). */
    static byte[] read(Context ctx, long max) throws IOException {
        return BoundedBody.read(ctx.req(), max).orElseThrow(() -> new TooLarge(max));
    }

    /**
     * The body as JSON; what is not JSON is an {@link IllegalArgumentException} saying where, when the
     * parser knows (a nesting or length limit of Jackson's has no position).
     */
    static JsonNode json(Context ctx) {
        try {
            return AdminJson.MAPPER.readTree(read(ctx));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException("the body is not JSON (" + (at == null ? ""
                    : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ") + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("the body cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Answers 413 and closes the connection, so the rest of the body is never read. */
    static void tooLarge(Context ctx, TooLarge e) {
        ctx.header("Connection", "close");
        AdminApi.send(ctx, 413, AdminJson.error("too_large", e.getMessage()));
    }
}
