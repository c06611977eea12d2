package dev.deskbridge.host.channel.whatsapp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.deskbridge.connector.api.error.AnswerLostException;
import dev.deskbridge.connector.api.error.ConnectorException;
import dev.deskbridge.connector.api.error.PermanentException;
import dev.deskbridge.connector.api.error.RetryableException;
import feign.Feign;
import feign.FeignException;
import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Feign client of the Graph API for one channel, with the translation of whatever a call
 * throws into the SPI's failure classes. A call is made once: retrying is the host's business.
 */
final class GraphClient {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    private final GraphApi api;
    private final MetaErrorDecoder errors;

    private GraphClient(GraphApi api, MetaErrorDecoder errors) {
        this.api = api;
        this.errors = errors;
    }

    static GraphClient create(WhatsAppSettings settings, Clock clock) {
        MetaErrorDecoder errors = errorDecoder(settings, clock);
        return new GraphClient(feign(settings, errors).target(GraphApi.class, settings.baseUrl().toString()), errors);
    }

    /** Another part of the Graph API with the same authentication, timeouts and error decoding. */
    static <T> T target(Class<T> type, WhatsAppSettings settings, Clock clock) {
        return feign(settings, errorDecoder(settings, clock)).target(type, settings.baseUrl().toString());
    }

    private static ObjectMapper json() {
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static MetaErrorDecoder errorDecoder(WhatsAppSettings settings, Clock clock) {
        return new MetaErrorDecoder(json(), clock,
                new Redactor(List.of(settings.accessToken(), settings.appSecret(), settings.verifyToken())));
    }

    private static Feign.Builder feign(WhatsAppSettings settings, MetaErrorDecoder errors) {
        ObjectMapper json = json();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // A redirect would carry the bearer token to wherever it points.
                .followRedirects(HttpClient.Redirect.NEVER)
                // Plain http is only a local stub or proxy: no h2c upgrade dance there.
                .version("http".equalsIgnoreCase(settings.baseUrl().getScheme())
                        ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .build();
        String bearer = "Bearer " + settings.accessToken().reveal();
        String userAgent = userAgent();
        return Feign.builder()
                .client(new Http2Client(http))
                .encoder(new JacksonEncoder(json))
                .decoder(new AnswerCeiling(new JacksonDecoder(json), settings.maxResponseBytes()))
                .errorDecoder(errors)
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false))
                .requestInterceptor(t -> t.header("Authorization", bearer).header("User-Agent", userAgent));
    }

    GraphApi api() {
        return api;
    }

    /** Classifies a non-2xx answer the way every other call's is (for raw {@link Response} calls). */
    RuntimeException failure(Response response) {
        Exception e = errors.decode("download", response);
        return e instanceof RuntimeException r ? r : new PermanentException(e.getMessage());
    }

    /**
     * Runs one call, translating transport failures: an unreachable or slow peer is retryable; a 2xx
     * whose body could not be read (cut off, malformed) means Meta took the call and its answer is
     * lost ({@link AnswerLostException}, which the outbox does not take for a refusal); any other
     * unreadable answer is permanent. Feign's own exceptions are not kept as causes, since they hold
     * the request and its headers.
     */
    <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConnectorException e) {
            throw e;
        } catch (feign.RetryableException e) {
            throw new RetryableException("could not reach Meta to " + what + ": " + cause(e), e.getCause());
        } catch (FeignException e) {
            if (e.status() >= 200 && e.status() < 300) {
                throw new AnswerLostException("Meta took the call to " + what + " (HTTP " + e.status()
                        + ") but its answer could not be read: " + cause(e), e.getCause());
            }
            throw new PermanentException("Meta's answer to " + what
                    + " could not be read: " + cause(e), String.valueOf(e.status()), e.getCause());
        }
    }

    private static String cause(Throwable e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    /** {@code DeskBridge/x.y.z}, in the form Meta's description asks of a User-Agent. */
    static String userAgent() {
        String version = GraphClient.class.getPackage().getImplementationVersion();
        Matcher m = VERSION.matcher(version == null ? "" : version);
        return "DeskBridge/" + (m.find() ? m.group() : "0.0.0");
    }

    static boolean isSuccess(Response response) {
        return response.status() >= 200 && response.status() < 300;
    }
}
