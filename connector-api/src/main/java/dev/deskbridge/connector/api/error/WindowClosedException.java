package dev.deskbridge.connector.api.error;

/**
 * The provider refused a free-form message because the customer service window is closed
 * (Meta 131047, Twilio 63016). The host applies the route's reply policy.
 */
public class WindowClosedException extends PermanentException {
    private static final long serialVersionUID = 1L;

    public WindowClosedException(String message, String code, Throwable cause) {
        super(message, code, cause);
    }
}
