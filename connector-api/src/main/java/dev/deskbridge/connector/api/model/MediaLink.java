package dev.deskbridge.connector.api.model;

import java.util.Objects;
import java.util.Optional;

/** A file an agent attached in the CRM, reachable by URL. */
public record MediaLink(String url, String filename, Optional<String> mimeType) {
    public MediaLink {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mimeType, "mimeType");
    }
}
