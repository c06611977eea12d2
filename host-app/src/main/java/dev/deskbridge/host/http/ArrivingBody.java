package dev.deskbridge.host.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook's body read without holding a server thread while it arrives. A blocking read pins one of
 * the server's threads per request until the last byte: a stranger who opens a few hundred
 * connections and sends their bodies a byte at a time (no signature needed, since the signature covers
 * the body) would hold every thread, and no webhook or health check would be answered. So a body
 * already in the server's buffer is taken at once, and any other one is read as its bytes come, by
 * the servlet container's callbacks; it must arrive whole within {@link #DEADLINE}. How many bodies
 * may be arriving at once is bounded too, so their buffers stay a bounded share of the heap.
 */
final class ArrivingBody {
    /** How long a body may take to arrive once its headers have; providers send a webhook in one go. */
    static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Bodies arriving at once; past it a request is answered 503 at once (the provider retries). */
    static final int MAX_ARRIVING = 512;

    private final AtomicInteger arriving = new AtomicInteger();

    /** What reading a body found. */
    sealed interface Outcome {
        /** The whole body. */
        record Read(byte[] body) implements Outcome {}

        /** Longer than allowed (by its declared length, or by what came). */
        record TooLarge() implements Outcome {}

        /** Not whole within the deadline. */
        record TooSlow() implements Outcome {}

        /** Too many bodies arriving at once. */
        record Busy() implements Outcome {}
    }

    /**
     * The body when the container already holds all of it (a declared length, every byte buffered),
     * without waiting; empty when it has to be waited for ({@link #read}).
     */
    static Optional<Outcome> ifArrived(HttpServletRequest request, long max) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > max) {
            return Optional.of(new Outcome.TooLarge());
        }
        if (declared == 0) {
            return Optional.of(new Outcome.Read(new byte[0]));
        }
        ServletInputStream in = request.getInputStream();
        if (declared < 0 || in.available() < declared) {
            return Optional.empty();
        }
        byte[] body = in.readNBytes((int) declared);
        return Optional.of(new Outcome.Read(body));
    }

    /**
     * Reads the body as it arrives; the request must be asynchronous already (a Javalin future's
     * supplier runs after the container started it). Never completes exceptionally for the body's
     * sake: a broken connection is a {@link Outcome.TooSlow}, as the sender never finished.
     */
    CompletableFuture<Outcome> read(HttpServletRequest request, long max) throws IOException {
        if (arriving.incrementAndGet() > MAX_ARRIVING) {
            arriving.decrementAndGet();
            return CompletableFuture.completedFuture(new Outcome.Busy());
        }
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        done.whenComplete((outcome, failure) -> arriving.decrementAndGet());
        ServletInputStream in = request.getInputStream();
        in.setReadListener(new ReadListener() {
            private final ByteArrayOutputStream received = new ByteArrayOutputStream(
                    (int) Math.min(8192, Math.max(request.getContentLengthLong(), 256)));
            private final byte[] chunk = new byte[8192];

            @Override
            public void onDataAvailable() throws IOException {
                while (!done.isDone() && in.isReady()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        return; // onAllDataRead follows
                    }
                    received.write(chunk, 0, n);
                    if (received.size() > max) {
                        done.complete(new Outcome.TooLarge());
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                done.complete(new Outcome.Read(received.toByteArray()));
            }

            @Override
            public void onError(Throwable t) {
                done.complete(new Outcome.TooSlow());
            }
        });
        return done.completeOnTimeout(new Outcome.TooSlow(), DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }
}
