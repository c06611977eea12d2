package dev.deskbridge.host.demo;

/** The demo cannot go on; the message says why and, where it can, what to do. */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
