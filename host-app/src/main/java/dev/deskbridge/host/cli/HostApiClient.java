package dev.deskbridge.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.host.config.DeskBridgeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The running host's admin API as commands call it: the address and token from the configuration
 * file (or {@code --url}), answers read as JSON. The token is never printed.
 */
final class HostApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status, its JSON (an empty object when it had none) and its headers' replay flag. */
    record Answer(int status, JsonNode body, boolean replayed) {}

    /** The host could not be reached, or the configuration is unusable: the exit code is set. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Unavailable(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    private final URI base;
    private final Secret token;
    private final PrintWriter err;
    private final HttpClient http = HttpClient.newHttpClient();

    private HostApiClient(URI base, Secret token, PrintWriter err) {
        this.base = base;
        this.token = token;
        this.err = err;
    }

    /**
     * @param sendTokenFirst use {@code messaging.send_token} when it is set (else the admin token)
     * @throws Unavailable with exit code 2 after printing the configuration's problems
     */
    static HostApiClient open(CliEnvironment env, Path config, URI url, boolean sendTokenFirst, PrintWriter err)
            throws IOException, Unavailable {
        DeskBridgeConfig cfg;
        try (LoadedConfig loaded = LoadedConfig.load(env, config, null, err)) {
            if (!loaded.result.valid()) {
                err.println(config + " has problems:");
                loaded.result.problems().forEach(p -> err.println("  " + p));
                throw new Unavailable(2);
            }
            cfg = loaded.result.orThrow();
        }
        Optional<Secret> token = sendTokenFirst ? cfg.messaging().sendToken().or(() -> cfg.host().adminToken())
                : cfg.host().adminToken();
        if (token.isEmpty()) {
            err.println((sendTokenFirst ? "neither messaging.send_token nor host.admin_token" : "host.admin_token")
                    + " is set in " + config);
            throw new Unavailable(2);
        }
        URI base = url != null ? url : URI.create("http://" + cfg.host().http().bind() + ":" + cfg.host().http().port());
        return new HostApiClient(base, token.get(), Objects.requireNonNull(err, "err"));
    }

    Answer post(String path, String contentType, byte[] body) throws Unavailable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Answer get(String path) throws Unavailable, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    private Answer send(HttpRequest.Builder request) throws Unavailable, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Bearer " + token.reveal()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("cannot reach the host at " + base + " (" + e.getClass().getSimpleName()
                    + "); is `deskbridge run` up? --url names another address");
            throw new Unavailable(1);
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            err.println("the host answered " + response.statusCode() + " without JSON");
            throw new Unavailable(1);
        }
        return new Answer(response.statusCode(), body,
                response.headers().firstValue("Idempotent-Replayed").isPresent());
    }
}
