package dev.deskbridge.host.pricing;

import java.util.Objects;

/** A rate-card file was refused: says which file, which line and what is wrong with it. */
public final class RateCardException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String reason;

    /**
     * @param file the file's name as the operator gave it
     * @param line the 1-based line number, or 0 when the problem is the file as a whole
     * @param reason what is wrong, in words an operator can act on
     */
    public RateCardException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
