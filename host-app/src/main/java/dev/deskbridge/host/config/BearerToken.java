package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Checks an {@code Authorization} header against the configured admin token in constant time:
 * both sides are hashed first, so neither the token's content nor its length shows in timing.
 * Holds only the token's hash; {@link #toString()} says nothing about it.
 */
public final class BearerToken {
    /** The shortest token accepted: a short token is guessable, and the admin API can replay dead letters. */
    public static final int MIN_LENGTH = 16;
    private static final String SCHEME = "bearer ";
    private final byte[] expectedHash;

    /**
     * @param token the configured {@code host.admin_token}
     * @throws IllegalArgumentException when the token is shorter than 16 characters: a short
     *     token is guessable, and the admin API can replay dead letters
     */
    public BearerToken(Secret token) {
        Objects.requireNonNull(token, "token");
        if (!longEnough(token)) {
            throw new IllegalArgumentException("host.admin_token: must be at least " + MIN_LENGTH + " characters");
        }
        this.expectedHash = sha256(token.reveal().strip());
    }

    /** Whether the token is long enough to be accepted (leading and trailing blanks do not count). */
    public static boolean longEnough(Secret token) {
        return token.reveal().strip().length() >= MIN_LENGTH;
    }

    /** Whether the header is {@code Bearer <the token>} (the scheme is case-insensitive). */
    public boolean accepts(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= SCHEME.length()
                || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = sha256(authorizationHeader.substring(SCHEME.length()).strip());
        return MessageDigest.isEqual(expectedHash, given);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[****]";
    }
}
