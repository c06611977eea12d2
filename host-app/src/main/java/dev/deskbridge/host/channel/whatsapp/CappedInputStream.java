package dev.deskbridge.host.channel.whatsapp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A body that gives at most {@code maxBytes}: the read that would go past them fails instead,
 * having taken at most one byte more from the connection. Whoever reads it (Jackson, building a
 * tree of however many small objects) can so never hold more than the ceiling's worth of text.
 */
final class CappedInputStream extends FilterInputStream {
    private final long maxBytes;
    private final Supplier<IOException> tooLarge;
    private long read;

    /**
     * @param tooLarge the failure when the ceiling is crossed
     */
    CappedInputStream(InputStream in, long maxBytes, Supplier<IOException> tooLarge) {
        super(Objects.requireNonNull(in, "in"));
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative");
        }
        this.maxBytes = maxBytes;
        this.tooLarge = Objects.requireNonNull(tooLarge, "tooLarge");
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        // Never asks for more than one byte past the ceiling, so a single large read cannot overshoot it.
        int n = in.read(b, off, (int) Math.min(len, maxBytes - read + 1));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, maxBytes - read + 1));
        if (skipped > 0) {
            counted(skipped);
        }
        return skipped;
    }

    private void counted(long n) throws IOException {
        read += n;
        if (read > maxBytes) {
            throw tooLarge.get();
        }
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would let bytes be counted twice
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
