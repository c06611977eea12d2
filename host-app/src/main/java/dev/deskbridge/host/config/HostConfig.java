package dev.deskbridge.host.config;

import dev.deskbridge.connector.api.config.Secret;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code host:} section.
 *
 * @param publicBaseUrl the public address of this host, without a trailing slash
 * @param http the HTTP server settings
 * @param adminToken the admin API's bearer token; without it the admin API refuses every request
 * @param appToken the bearer token of the CRM sidebar app ({@code host.app_token}): it reads one
 *     ticket's sidebar and nothing else of the admin API; without it only the admin token reads it
 */
public record HostConfig(URI publicBaseUrl, HttpConfig http, Optional<Secret> adminToken, Optional<Secret> appToken) {
    public HostConfig {
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(appToken, "appToken");
        String s = publicBaseUrl.toString();
        if (s.endsWith("/")) {
            publicBaseUrl = URI.create(s.substring(0, s.length() - 1));
        }
    }

    /** Without a sidebar app token. */
    public HostConfig(URI publicBaseUrl, HttpConfig http, Optional<Secret> adminToken) {
        this(publicBaseUrl, http, adminToken, Optional.empty());
    }

    /** The URL a channel's provider calls: {@code public_base_url/webhooks/channels/{id}}. */
    public String channelWebhookUrl(String channelId) {
        return publicBaseUrl + "/webhooks/channels/" + Objects.requireNonNull(channelId, "channelId");
    }

    /** The URL a CRM calls: {@code public_base_url/webhooks/crms/{id}}. */
    public String crmWebhookUrl(String crmId) {
        return publicBaseUrl + "/webhooks/crms/" + Objects.requireNonNull(crmId, "crmId");
    }
}
