package dev.deskbridge.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deskbridge.connector.api.config.Secret;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Reads {@code host:} and {@code host.http:} onto {@link HostConfig}. */
final class HostSection {
    /** {@code host:} as bound; a component is null when absent or already reported. */
    record Fields(URI publicBaseUrl, Secret adminToken, Secret appToken) {}

    /** {@code host.http:} as bound. */
    record HttpFields(String bind, Long port, Long maxBodyBytes) {}

    private HostSection() {}

    /** Null (after reporting why) when the section is invalid. */
    static HostConfig read(JsonNode node, ConfigContext ctx) {
        Bound<Fields> s = ctx.bind(node, "host", HostSettings.HOST, Set.of("http"), Fields.class);
        HttpConfig http = http(ConfigContext.child(node, "http"), ctx);
        URI url = s.fields().publicBaseUrl();
        if (url != null && (url.getRawQuery() != null || url.getRawFragment() != null)) {
            ctx.problem("host.public_base_url", "must not have a query or fragment");
            return null;
        }
        if (url != null && url.getRawUserInfo() != null) {
            // It is printed at every start and given to providers as the webhooks' address.
            ctx.problem("host.public_base_url", "must not carry user:password@; put credentials in the proxy's "
                    + "own configuration");
            return null;
        }
        Optional<Secret> adminToken = Optional.ofNullable(s.fields().adminToken());
        if (adminToken.isPresent() && !BearerToken.longEnough(adminToken.get())) {
            // Said here, so `config validate` reports it before `run` would refuse to start.
            ctx.problem("host.admin_token", "must be at least " + BearerToken.MIN_LENGTH + " characters");
            return null;
        }
        Optional<Secret> appToken = Optional.ofNullable(s.fields().appToken());
        if (appToken.isPresent() && !BearerToken.longEnough(appToken.get())) {
            ctx.problem("host.app_token", "must be at least " + BearerToken.MIN_LENGTH + " characters");
            return null;
        }
        if (appToken.isPresent() && adminToken.isPresent()
                && appToken.get().reveal().strip().equals(adminToken.get().reveal().strip())) {
            // The app's token sits in the CRM's app settings; it must not open the whole admin API.
            ctx.problem("host.app_token", "must differ from host.admin_token");
            return null;
        }
        return s.valid() && http != null ? new HostConfig(url, http, adminToken, appToken) : null;
    }

    private static HttpConfig http(JsonNode node, ConfigContext ctx) {
        Bound<HttpFields> s = ctx.bind(node, "host.http", HostSettings.HTTP, Set.of(), HttpFields.class);
        Long port = ctx.between("host.http.port", s.fields().port(), 0, 65535);
        Long maxBody = ctx.between("host.http.max_body_bytes", s.fields().maxBodyBytes(), 1024,
                Integer.MAX_VALUE);
        String bind = s.fields().bind();
        if (bind != null && new java.net.InetSocketAddress(bind, 0).isUnresolved()) {
            ctx.problem("host.http.bind", "is not an IP address or a host name this machine can resolve");
            return null;
        }
        return s.valid() && port != null && maxBody != null
                ? new HttpConfig(s.fields().bind(), port.intValue(), maxBody)
                : null;
    }
}
