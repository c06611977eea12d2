package dev.deskbridge.connector.api.model;

import java.util.Arrays;
import java.util.Objects;

/** A file's bytes, for example inbound media downloaded for a CRM to attach. */
public record Attachment(String filename, String mimeType, byte[] content) {
    public Attachment {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mimeType, "mimeType");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public int size() {
        return content.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment && ((Attachment) o).filename.equals(filename)
                && ((Attachment) o).mimeType.equals(mimeType) && Arrays.equals(((Attachment) o).content, content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, mimeType, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + filename + ", " + mimeType + ", " + content.length + " bytes]";
    }
}
