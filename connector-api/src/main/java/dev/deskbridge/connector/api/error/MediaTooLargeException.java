package dev.deskbridge.connector.api.error;

/**
 * A customer's file is larger than the channel is set to download ({@code max_media_bytes} of the
 * Cloud API channel): a permanent failure that names the limit, so the host can tell agents why the
 * file is not on the ticket. Added in 0.2; a channel that throws a plain {@link PermanentException}
 * for it still works, the ticket then says only that the file could not be fetched.
 */
public class MediaTooLargeException extends PermanentException {
    private static final long serialVersionUID = 1L;
    private final long limitBytes;

    /**
     * @param message what was refused, for logs (no URL: download links carry tokens)
     * @param limitBytes the largest file the channel takes, in bytes
     */
    public MediaTooLargeException(String message, long limitBytes) {
        super(message);
        if (limitBytes < 1) {
            throw new IllegalArgumentException("limitBytes must be at least 1, got " + limitBytes);
        }
        this.limitBytes = limitBytes;
    }

    /** The largest file the channel takes, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
