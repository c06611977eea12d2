package dev.deskbridge.host.templates;

import dev.deskbridge.connector.api.pricing.TemplateCategory;
import dev.deskbridge.connector.api.template.HeaderFormat;
import dev.deskbridge.connector.api.template.ParameterFormat;
import dev.deskbridge.connector.api.template.TemplateButtonSpec;
import dev.deskbridge.connector.api.template.TemplateDefinition;
import dev.deskbridge.connector.api.template.TemplateStatus;
import java.util.List;
import java.util.Optional;

/** Template definitions for tests, shaped as the Cloud API lists them. */
final class Templates {
    private Templates() {}

    /** {@code order_update} (en_US, utility): "Hi {{1}}, order {{2}} ships today." */
    static TemplateDefinition positional(String name, TemplateStatus status, TemplateCategory category, int params) {
        List<String> names = java.util.stream.IntStream.rangeClosed(1, params).mapToObj(String::valueOf).toList();
        return new TemplateDefinition("1" + Math.abs(name.hashCode()), name, name, "en_US", status,
                Optional.of(category), ParameterFormat.POSITIONAL, "Hi {{1}}, order {{2}} ships today.", names,
                Optional.empty(), List.of(), List.of(), "[]");
    }

    /** A named template with an image header and a dynamic URL button at index 0. */
    static TemplateDefinition namedWithMedia(String name) {
        return new TemplateDefinition("77" + Math.abs(name.hashCode()), name, name, "en_US", TemplateStatus.APPROVED,
                Optional.of(TemplateCategory.MARKETING), ParameterFormat.NAMED, "Hi {{first_name}}, {{offer}}",
                List.of("first_name", "offer"), Optional.of(HeaderFormat.IMAGE), List.of(),
                List.of(new TemplateButtonSpec(0, "URL", true), new TemplateButtonSpec(1, "QUICK_REPLY", false)), "[]");
    }
}
