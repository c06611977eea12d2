package dev.deskbridge.connector.api.template;

import java.util.Objects;

/**
 * A button a template declares.
 *
 * @param index its position among the template's buttons, from 0 (the index a send names)
 * @param type the provider's button type ({@code QUICK_REPLY}, {@code URL}, {@code PHONE_NUMBER},
 *     {@code COPY_CODE}, {@code OTP}, ...)
 * @param takesParameter whether a send must give it a value (a dynamic URL's suffix, a copy code)
 */
public record TemplateButtonSpec(int index, String type, boolean takesParameter) {
    public TemplateButtonSpec {
        Objects.requireNonNull(type, "type");
        if (index < 0) {
            throw new IllegalArgumentException("button index must not be negative");
        }
    }
}
