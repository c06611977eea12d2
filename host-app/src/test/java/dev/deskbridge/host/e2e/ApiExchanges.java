package dev.deskbridge.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A test's calls to the host's API, each kept with the body it sent, so that the test can end by
 * checking them against the host's own OpenAPI description ({@code /admin/openapi.yaml}).
 */
final class ApiExchanges {
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Map.Entry<HttpResponse<String>, String>> exchanges = new ArrayList<>();
    private final Supplier<String> baseUrl;

    ApiExchanges(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    HttpResponse<String> post(String token, String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        exchanges.add(Map.entry(r, json));
        return r;
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        exchanges.add(Map.entry(r, ""));
        return r;
    }

    /**
     * Checks the answers {@code checked} selects against the description, and for the POSTs
     * {@code withRequest} selects, their request bodies too.
     */
    void validate(Predicate<HttpResponse<String>> checked, Predicate<HttpResponse<String>> withRequest)
            throws IOException {
        String spec;
        try (InputStream in = getClass().getResourceAsStream("/admin/openapi.yaml")) {
            spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .build();
        for (Map.Entry<HttpResponse<String>, String> exchange : exchanges) {
            HttpResponse<String> r = exchange.getKey();
            if (!checked.test(r)) {
                continue;
            }
            String path = r.uri().getPath();
            SimpleResponse.Builder response = SimpleResponse.Builder.status(r.statusCode()).withBody(r.body());
            r.headers().firstValue("Content-Type").ifPresent(response::withContentType);
            ValidationReport report;
            if (r.request().method().equals("POST") && withRequest.test(r)) {
                report = validator.validate(new SimpleRequest.Builder(Request.Method.POST, path)
                        .withHeader("Authorization", r.request().headers().firstValue("Authorization").orElseThrow())
                        .withContentType("application/json").withBody(exchange.getValue()).build(), response.build());
            } else {
                report = validator.validateResponse(path, Request.Method.valueOf(r.request().method()),
                        response.build());
            }
            assertThat(report.getMessages()).as(r.request().method() + " " + path + " -> " + r.statusCode() + " "
                    + r.body()).isEmpty();
        }
    }
}
