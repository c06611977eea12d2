package dev.deskbridge.host.templates;

import java.util.Locale;

/** Why a template request was refused; {@link #code()} is the reason code the APIs answer with. */
public enum TemplateRefusal {
    /** No catalogue of the channel has been read yet, so nothing can be checked. */
    CATALOGUE_NOT_SYNCED,
    TEMPLATE_NOT_FOUND,
    /** The name exists in several languages and the request named none. */
    TEMPLATE_LANGUAGE_REQUIRED,
    TEMPLATE_PAUSED,
    TEMPLATE_REJECTED,
    /** Pending, disabled, deleted or any other state that is not approved. */
    TEMPLATE_NOT_APPROVED,
    /** The provider gave no category, so the send cannot be priced. */
    TEMPLATE_CATEGORY_UNKNOWN,
    PARAMETER_MISSING,
    PARAMETER_UNEXPECTED,
    PARAMETER_TOO_LONG,
    /** A value Meta refuses in a parameter: new lines, tabs, more than four spaces in a row. */
    PARAMETER_INVALID,
    /** Named parameters for a positional template, or the other way round. */
    PARAMETER_FORMAT_MISMATCH,
    HEADER_MEDIA_MISMATCH,
    BUTTON_PARAMETER_MISSING,
    BUTTON_PARAMETER_UNEXPECTED;

    /** {@code template_paused}: the reason code of the admin API and the command line. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
