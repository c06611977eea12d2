package dev.deskbridge.connector.api.error;

import java.util.Optional;

/**
 * A permanent failure the operator must fix in the configuration: an expired token, wrong
 * credentials, a missing permission. Names the setting to look at, never its value.
 */
public class ConfigurationException extends PermanentException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    /**
     * @param message what went wrong; names the setting, never its value
     * @param code the provider's error code, when it gave one
     * @param setting the setting to check, when one is to blame
     * @param cause the underlying failure, if any
     */
    public ConfigurationException(String message, String code, String setting, Throwable cause) {
        super(message, code, cause);
        this.setting = setting;
    }

    /** The setting to check, when one is to blame. */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }
}
