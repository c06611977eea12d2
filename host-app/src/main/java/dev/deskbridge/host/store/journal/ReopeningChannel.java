package dev.deskbridge.host.store.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A journal file's channel that an interrupt does not break. A {@link FileChannel} closes itself for
 * every thread when the thread using it is interrupted; Jetty interrupts its threads when the server
 * stops, and one webhook thread's interrupted append would then fail every other writer's records.
 * Here a channel closed that way is opened again and the write or force done again: a positional write
 * of the same bytes at the same place, and a force of the file (an {@code fsync} covers the file's
 * pages, whichever descriptor wrote them). The interrupted thread keeps its interrupt for what it does next.
 */
final class ReopeningChannel {
    /**
     * Each interrupted thread closes the channel once; a stopping server interrupts many. More than
     * this in a row means something other than interrupts closes the file.
     */
    private static final int ATTEMPTS = 32;

    private final Path file;
    private volatile FileChannel channel;
    private volatile boolean closed;

    ReopeningChannel(Path file) throws IOException {
        this.file = file;
        this.channel = openChannel();
    }

    /** Writes all of {@code data} at {@code position}. */
    void writeFully(ByteBuffer data, long position) throws IOException {
        int start = data.position();
        run(c -> {
            data.position(start);
            long at = position;
            while (data.hasRemaining()) {
                at += c.write(data, at);
            }
        });
    }

    void force() throws IOException {
        run(c -> c.force(false));
    }

    void truncate(long size) throws IOException {
        run(c -> c.truncate(size));
    }

    /** Synchronized with {@link #reopen}, so that no channel is opened after it and left open. */
    synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }

    private interface Operation {
        void on(FileChannel channel) throws IOException;
    }

    private void run(Operation operation) throws IOException {
        boolean interrupted = false;
        try {
            for (int attempt = 1; ; attempt++) {
                FileChannel c = channel;
                try {
                    operation.on(c);
                    return;
                } catch (ClosedChannelException e) {
                    if (e instanceof ClosedByInterruptException) {
                        // Cleared for the next attempt, else it closes the new channel at once; set again below.
                        Thread.interrupted();
                        interrupted = true;
                    }
                    if (closed || attempt >= ATTEMPTS) {
                        throw e;
                    }
                    reopen(c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Opens the file again unless another thread already replaced {@code broken}. */
    private synchronized void reopen(FileChannel broken) throws IOException {
        if (channel == broken && !closed) {
            channel = openChannel();
        }
    }

    private FileChannel openChannel() throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
