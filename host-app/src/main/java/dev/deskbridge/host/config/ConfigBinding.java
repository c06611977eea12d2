package dev.deskbridge.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.deskbridge.connector.api.config.Durations;
import dev.deskbridge.connector.api.config.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Jackson's binding of a section's checked values onto its record: snake_case keys onto the
 * record's components, text onto numbers, URIs, durations ({@code 30s}, {@code PT2H}) and
 * secrets. It binds only values the section's spec already accepted, so binding itself never
 * fails on what an operator wrote; every message comes from the spec or the section's checks.
 */
final class ConfigBinding {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // A key the spec does not know is reported by the spec, not by the binding.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("deskbridge-config")
                    .addDeserializer(Duration.class, new FromText<>(Durations::parse))
                    .addDeserializer(Secret.class, new FromText<>(Secret::new)));

    private ConfigBinding() {}

    /** The values bound onto {@code type}; a component whose value is absent is null. */
    static <T> T bind(Map<String, String> values, Class<T> type) {
        return MAPPER.convertValue(values, type);
    }

    /** A type read from a value's text. */
    private static final class FromText<T> extends JsonDeserializer<T> {
        private final Function<String, T> parse;

        FromText(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return parse.apply(p.getValueAsString());
        }
    }
}
