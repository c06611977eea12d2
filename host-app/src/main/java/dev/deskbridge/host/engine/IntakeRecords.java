package dev.deskbridge.host.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A webhook's items as one intake journal record (so they are acknowledged, and replayed, together):
 * a version, the count, then each item's fields as length-prefixed UTF-8.
 */
final class IntakeRecords {
    private static final int VERSION = 1;

    private IntakeRecords() {}

    static byte[] encode(List<IntakeItem> items) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + items.size() * 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeInt(items.size());
            for (IntakeItem item : items) {
                write(out, item.source());
                write(out, item.eventId());
                write(out, item.eventType());
                write(out, item.partition().orElse(""));
                write(out, item.payload());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the record is not one this version wrote
     */
    static List<IntakeItem> decode(byte[] record) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(record))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException("intake journal record of version " + version + ", expected "
                        + VERSION);
            }
            int count = in.readInt();
            List<IntakeItem> items = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                String source = read(in);
                String eventId = read(in);
                String type = read(in);
                String partition = read(in);
                items.add(new IntakeItem(source, eventId, type,
                        partition.isEmpty() ? Optional.empty() : Optional.of(partition), read(in)));
            }
            return items;
        } catch (IOException e) {
            throw new IllegalArgumentException("an intake journal record cut short: " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("a field of " + n + " bytes where " + in.available() + " are left");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
