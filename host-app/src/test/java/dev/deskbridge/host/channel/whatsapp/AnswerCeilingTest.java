package dev.deskbridge.host.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Request;
import feign.Response;
import feign.jackson.JacksonDecoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decoder's ceiling on its own: an endless answer is read to the ceiling and no byte further. */
class AnswerCeilingTest {
    private static final int CEILING = 64 * 1024;
    private static final String URL =
            "https://graph.facebook.com/v23.0/102290129340398/message_templates?access_token=EAAsecret&limit=100";

    /** {@code {"data":[{"id":"1"},{"id":"1"},…} without end, counting what was taken from it. */
    static final class Endless extends InputStream {
        private static final byte[] HEAD = "{\"data\":[".getBytes(StandardCharsets.UTF_8);
        private static final byte[] ITEM = "{\"id\":\"1\",\"components\":[]},".getBytes(StandardCharsets.UTF_8);
        long taken;

        @Override
        public int read() {
            long at = taken++;
            return at < HEAD.length ? HEAD[(int) at] : ITEM[(int) ((at - HEAD.length) % ITEM.length)];
        }
    }

    private static Response answer(InputStream body, Map<String, java.util.Collection<String>> headers) {
        Request request = Request.create(Request.HttpMethod.GET, URL, Map.of(), null, StandardCharsets.UTF_8, null);
        return Response.builder().status(200).request(request).headers(headers).body(body, null).build();
    }

    private final AnswerCeiling decoder = new AnswerCeiling(new JacksonDecoder(new ObjectMapper()), CEILING);

    @Test
    void anEndlessAnswerOfSmallObjectsStopsAtTheCeiling() {
        Endless endless = new Endless();

        assertThatThrownBy(() -> decoder.decode(answer(endless, Map.of()), JsonNode.class))
                .isInstanceOf(OversizedAnswerException.class)
                .hasMessageContaining("GET /v23.0/102290129340398/message_templates")
                .hasMessageContaining(CEILING + " bytes").hasMessageContaining("no Content-Length")
                .hasMessageNotContaining("EAAsecret").hasMessageNotContaining("limit=");
        assertThat(endless.taken).as("bytes taken from the connection").isLessThanOrEqualTo(CEILING + 1);
    }

    @Test
    void aContentLengthOverTheCeilingFailsBeforeAnyOfTheBodyIsRead() {
        Endless endless = new Endless();

        assertThatThrownBy(() -> decoder.decode(answer(endless,
                Map.of("content-length", List.of(String.valueOf(5L * 1024 * 1024 * 1024)))), JsonNode.class))
                .isInstanceOf(OversizedAnswerException.class)
                .hasMessageContaining("Content-Length " + 5L * 1024 * 1024 * 1024);
        assertThat(endless.taken).isZero();
    }

    @Test
    void anAnswerOfExactlyTheCeilingIsReadWhole() throws Exception {
        String json = "{\"padding\":\"" + "x".repeat(CEILING - 14) + "\"}";
        assertThat(json.length()).isEqualTo(CEILING);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        Object decoded = decoder.decode(answer(new java.io.ByteArrayInputStream(bytes),
                Map.of("Content-Length", List.of(String.valueOf(bytes.length)))), JsonNode.class);

        assertThat(((JsonNode) decoded).path("padding").asText()).hasSize(CEILING - 14);
    }
}
