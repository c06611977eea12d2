package dev.deskbridge.connector.api.error;

import java.util.Optional;

/**
 * A permanent failure the operator must fix in the configuration: an expired token, wrong
 * credentials, a missing permission. Names the setting to look at, never its value.
 */
public class ConfigurationException extends PermanentException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    public ConfigurationException(String setting, String code, String message, Throwable cause) {
        super(code, message, cause);
        this.setting = setting;
    }

    /** The setting to check, when one is to blame. */
    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }
}
