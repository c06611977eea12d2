package dev.deskbridge.connector.twilio.rest;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.deskbridge.connector.api.error.RetryAfter;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;

/**
 * The SDK's HTTP client with three changes DeskBridge needs.
 *
 * <ul>
 *   <li>One attempt per call: the host owns retries (backoff, Retry-After, dead letters), so the
 *       SDK's own three quick retries on 5xx are switched off.</li>
 *   <li>The status and {@code Retry-After} header of the last response on this thread are kept,
 *       because the SDK's exceptions drop headers, and the status too when the body is not JSON.</li>
 *   <li>With a base URL, every Twilio host ({@code api.twilio.com}, {@code conversations.twilio.com},
 *       {@code content.twilio.com}, ...) is replaced by it, path and query kept; the original host
 *       travels in {@code X-Forwarded-Host} so a stub can tell the APIs apart.</li>
 * </ul>
 */
public final class TwilioHttpClient extends NetworkHttpClient implements AutoCloseable {
    /** The header that carries the Twilio host a rerouted request was meant for. */
    public static final String FORWARDED_HOST = "X-Forwarded-Host";

    private final Optional<URI> baseUrl;
    private final ThreadLocal<String> lastRetryAfter = new ThreadLocal<>();
    private final ThreadLocal<Integer> lastStatus = new ThreadLocal<>();

    public TwilioHttpClient(Optional<URI> baseUrl) {
        super(builder());
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** The SDK's defaults, minus Apache HttpClient's own retries (it retries 429 and 503 by itself). */
    private static HttpClientBuilder builder() {
        return HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
                        .setMaxConnPerRoute(10)
                        .setMaxConnTotal(20)
                        .build())
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .disableAutomaticRetries();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        lastRetryAfter.remove();
        lastStatus.remove();
        Request routed = baseUrl.isPresent() ? new RoutedRequest(request, baseUrl.get()) : request;
        Response response = super.makeRequest(routed);
        lastStatus.set(response.getStatusCode());
        Header[] headers = response.getHeaders();
        if (headers != null) {
            for (Header h : headers) {
                if ("Retry-After".equalsIgnoreCase(h.getName())) {
                    lastRetryAfter.set(h.getValue());
                }
            }
        }
        return response;
    }

    /**
     * The HTTP status of the last response on this thread, empty when none came (no connection).
     * The SDK drops it when an error body is not Twilio's JSON (a proxy's HTML page).
     */
    Optional<Integer> lastStatus() {
        return Optional.ofNullable(lastStatus.get());
    }

    /** The wait the last response on this thread asked for, in seconds or as an HTTP date ({@link RetryAfter}). */
    Optional<Duration> lastRetryAfter(Clock clock) {
        return RetryAfter.parse(lastRetryAfter.get(), clock.instant());
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // Closing is best effort: the pool holds no state worth reporting.
        }
    }

    /** A copy of the SDK's request whose URL points at the base URL instead of a Twilio host. */
    private static final class RoutedRequest extends Request {
        private final URL target;

        RoutedRequest(Request original, URI base) {
            super(original.getMethod(), original.getUrl());
            URL meant = original.constructURL();
            String prefix = base.toString().replaceAll("/+$", "");
            try {
                this.target = URI.create(prefix + meant.getFile()).toURL();
            } catch (MalformedURLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot route Twilio request to base URL " + base, e);
            }
            original.getQueryParams().forEach((k, vs) -> vs.forEach(v -> addQueryParam(k, v)));
            original.getPostParams().forEach((k, vs) -> vs.forEach(v -> addPostParam(k, v)));
            original.getHeaderParams().forEach((k, vs) -> vs.forEach(v -> addHeaderParam(k, v)));
            addHeaderParam(FORWARDED_HOST, meant.getHost());
            if (original.getAuthStrategy() != null) {
                setAuth(original.getAuthStrategy());
            } else if (original.getUsername() != null) {
                setAuth(original.getUsername(), original.getPassword());
            }
            setContentType(original.getContentType());
            setBody(original.getBody());
            setFormParameters(original.getFormParameters());
            setUserAgentExtensions(original.getUserAgentExtensions());
        }

        @Override
        public URL constructURL() {
            return target;
        }
    }
}
