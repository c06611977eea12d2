package dev.deskbridge.connector.twilio.rest;

import dev.deskbridge.connector.api.config.Secret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one Twilio account: the REST credentials, the key webhooks are signed with, and an
 * optional base URL that replaces every Twilio host (a stub in tests, or a forwarding proxy).
 *
 * @param accountSid the account ({@code AC...})
 * @param username the REST user: the account SID, or an API key SID ({@code SK...})
 * @param password the auth token or the API key's secret
 * @param authToken the account's auth token; Twilio signs webhooks with it
 * @param credentialSetting the setting to blame when Twilio refuses the credentials
 * @param baseUrl where every Twilio API call goes instead of {@code *.twilio.com}, when set
 */
public record TwilioAccount(String accountSid, String username, Secret password, Secret authToken,
        String credentialSetting, Optional<URI> baseUrl) {
    public TwilioAccount {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(credentialSetting, "credentialSetting");
        Objects.requireNonNull(baseUrl, "baseUrl");
    }
}
