package dev.deskbridge.host.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.deskbridge.host.logging.LogSafe;
import java.io.UncheckedIOException;

/**
 * JSON a command prints, indented. Jackson escapes only the characters below U+0020; here every
 * character that {@link LogSafe#controls} a terminal (DEL, CSI, a right-to-left override...) is
 * written as {@code \\uXXXX} too, so stored text cannot steer the terminal and reads back the same.
 */
public final class TerminalJson {
    private static final ObjectWriter WRITER = new ObjectMapper().writerWithDefaultPrettyPrinter().with(new Escapes());

    private TerminalJson() {}

    /** The node, indented, without a final line break. */
    public static String pretty(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return LogSafe.controls(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
