package dev.deskbridge.host.engine;

import dev.deskbridge.connector.api.model.TemplateRequest;
import java.util.Map;
import java.util.Optional;

/**
 * A template's parameters as clients write them, flat (an API body's object, a campaign file's
 * columns): a body parameter by name ({@code first_name}) or position ({@code 1}); {@code header}
 * for a text header, {@code header.image}, {@code header.document} or {@code header.video} for a
 * media header by link; {@code button.N} for the N-th button's URL suffix and
 * {@code button.N.payload} for a quick-reply button's payload. The catalogue checks them. The
 * reading itself is the SPI's ({@link TemplateRequest#fromParameters}), shared with the CRM plugins.
 */
public final class TemplateParameters {
    private TemplateParameters() {}

    /** @throws IllegalArgumentException naming a header or button key it cannot read */
    public static TemplateRequest request(String name, Optional<String> language, Map<String, String> parameters) {
        return TemplateRequest.fromParameters(name, language, parameters);
    }
}
