package dev.deskbridge.host.links;

import java.util.Objects;

/**
 * A link's QR code image as Meta rendered it.
 *
 * @param mediaType {@code image/png} or {@code image/svg+xml}
 * @param extension {@code png} or {@code svg}
 */
public record QrImage(String mediaType, String extension, byte[] bytes) {
    public QrImage {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(extension, "extension");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
