package dev.deskbridge.connector.twilio.stub;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.deskbridge.connector.twilio.rest.TwilioHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twilio's official OpenAPI descriptions (copied into {@code src/test/resources/specs/twilio}),
 * matched to a request by the Twilio host it was meant for (the routing client's
 * {@code X-Forwarded-Host}) and its path.
 */
public final class TwilioDescriptions {
    /** Twilio host to the description of the APIs it serves. */
    private static final Map<String, String> SPECS = Map.of(
            "api.twilio.com", "/specs/twilio/twilio_api_v2010.json",
            "conversations.twilio.com", "/specs/twilio/twilio_conversations_v1.json",
            "content.twilio.com", "/specs/twilio/twilio_content_v1.json");
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();

    private TwilioDescriptions() {}

    /** Everything the matching description says is wrong with this exchange; empty when it conforms. */
    public static List<String> violations(ServeEvent event) {
        LoggedRequest logged = event.getRequest();
        String host = logged.getHeader(TwilioHttpClient.FORWARDED_HOST);
        String where = logged.getMethod() + " " + logged.getUrl();
        if (host == null || !SPECS.containsKey(host)) {
            return List.of(where + ": no Twilio description for host '" + host + "'");
        }
        OpenApiInteractionValidator validator = validator(host);
        Request request = request(logged);
        List<String> out = new ArrayList<>();
        describe(where + " (request)", validator.validateRequest(request), out);
        LoggedResponse response = event.getResponse();
        // Twilio's descriptions define success answers only; error bodies follow its error format.
        if (response != null && response.getStatus() >= 200 && response.getStatus() < 300) {
            SimpleResponse.Builder r = SimpleResponse.Builder.status(response.getStatus())
                    .withBody(response.getBodyAsString());
            if (response.getHeaders() != null && response.getHeaders().getContentTypeHeader().isPresent()) {
                r.withContentType(response.getHeaders().getContentTypeHeader().firstValue());
            }
            describe(where + " (stubbed response)", validator.validateResponse(request.getPath(), request.getMethod(),
                    r.build()), out);
        }
        return out;
    }

    /**
     * A list parameter sent once ({@code MediaUrl=...}) is, in a form body, just that parameter: the
     * validator reads it as a string where the description says "array". Only that reading of a
     * single value is forgiven.
     */
    private static boolean oneItemFormList(ValidationReport.Message m) {
        return m.getKey().equals("validation.request.body.schema.type")
                && m.getMessage().contains("Instance type (string) does not match any allowed primitive type (allowed: [\"array\"])");
    }

    private static void describe(String where, ValidationReport report, List<String> out) {
        for (ValidationReport.Message m : report.getMessages()) {
            if (m.getLevel() == ValidationReport.Level.ERROR && !oneItemFormList(m)) {
                out.add(where + ": [" + m.getKey() + "] " + m.getMessage());
            }
        }
    }

    private static Request request(LoggedRequest logged) {
        URI uri = URI.create(logged.getUrl());
        SimpleRequest.Builder b = new SimpleRequest.Builder(logged.getMethod().getName(), uri.getRawPath());
        for (HttpHeader h : logged.getHeaders().all()) {
            b.withHeader(h.key(), h.values());
        }
        query(uri.getRawQuery()).forEach(b::withQueryParam);
        if (logged.getBody() != null && logged.getBody().length > 0) {
            b.withBody(logged.getBodyAsString());
        }
        return b.build();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static OpenApiInteractionValidator validator(String host) {
        return VALIDATORS.computeIfAbsent(host, h -> OpenApiInteractionValidator
                .createForInlineApiSpecification(read(SPECS.get(h)))
                .build());
    }

    /** The text of a description file on the test class path. */
    public static String read(String resource) {
        try (InputStream in = TwilioDescriptions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
