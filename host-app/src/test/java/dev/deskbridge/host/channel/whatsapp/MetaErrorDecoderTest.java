package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deskbridge.connector.api.config.Secret;
import dev.deskbridge.connector.api.error.RetryableException;
import dev.deskbridge.connector.api.error.ThrottledException;
import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder on answers built by hand: bodies that are not Meta's JSON, and secrets a proxy echoes. */
class MetaErrorDecoderTest {
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZBZCxyzSECRETaccessTOKEN0123456789abcdefghijklmnop";
    private final MetaErrorDecoder decoder = new MetaErrorDecoder(new ObjectMapper(),
            Clock.fixed(Instant.parse("2026-10-05T08:00:00Z"), ZoneOffset.UTC), new Redactor(List.of(new Secret(TOKEN))));

    private static Response answer(int status, Map<String, Collection<String>> headers, String body) {
        return Response.builder().status(status).reason("reason")
                .request(Request.create(Request.HttpMethod.POST, "https://graph.facebook.com/v21.0/1/messages",
                        Map.of(), null, StandardCharsets.UTF_8, null))
                .headers(headers).body(body, StandardCharsets.UTF_8).build();
    }

    @Test
    void aSecretAcrossTheCutOfAShownBodyIsMaskedWhole() {
        // The token starts at character 280 of the body and runs past the 300 a message shows.
        String body = "<html>proxy echo: " + "x".repeat(239) + " Authorization: Bearer " + TOKEN + "</html>";
        assertThat(body.indexOf(TOKEN)).isLessThan(300).isGreaterThan(300 - TOKEN.length());

        Exception e = decoder.decode("send", answer(502, Map.of(), body));

        assertThat(e.getMessage()).contains("Bearer ****").doesNotContain(TOKEN.substring(0, 8));
    }

    @Test
    void metasCodeIsShownOnceWhetherOrNotItsMessageStartsWithIt() {
        Exception prefixed = decoder.decode("send", answer(400, Map.of(), """
                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"fbtrace_id":"Ab"}}"""));
        Exception plain = decoder.decode("send", answer(400, Map.of(), """
                {"error":{"message":"Re-engagement message","type":"OAuthException","code":131047,"fbtrace_id":"Cd"}}"""));

        assertThat(prefixed.getMessage()).contains("(#100) Invalid parameter [fbtrace_id Ab]")
                .doesNotContain("(#100) (#100)");
        assertThat(plain.getMessage()).contains("(#131047) Re-engagement message [fbtrace_id Cd]");
    }

    @Test
    void a429ThatIsNotMetasJsonIsThrottlingKeepingRetryAfter() {
        Exception html = decoder.decode("send", answer(429, Map.of("Retry-After", List.of("12")),
                "<html><body><h1>429 Too Many Requests</h1></body></html>"));
        Exception empty = decoder.decode("send", answer(429, Map.of(), ""));

        assertThat(html).isInstanceOf(ThrottledException.class).hasMessageContaining("HTTP 429");
        assertThat(((RetryableException) html).retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(empty).isInstanceOf(ThrottledException.class);
        assertThat(((RetryableException) empty).retryAfter()).isEmpty();
    }
    @Test
    void aGatewaysTimeoutOrBadGatewayLeavesOpenWhetherMetaTookTheCall() {
        for (int status : new int[] {502, 504}) {
            Exception e = decoder.decode("send", answer(status, Map.of(), "<html><h1>" + status + "</h1></html>"));

            // The outbox takes an I/O failure in the chain for an unknown outcome, not a refusal.
            assertThat(e).as("HTTP %d", status).isInstanceOf(RetryableException.class)
                    .hasCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(decoder.decode("send", answer(503, Map.of(), "<html>down</html>"))).as("not taken: a refusal")
                .isInstanceOf(RetryableException.class).hasNoCause();
    }
}
