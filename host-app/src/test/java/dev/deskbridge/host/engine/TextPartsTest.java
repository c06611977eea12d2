package dev.deskbridge.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a text too long for one message is cut into parts. */
class TextPartsTest {

    @Test
    void aTextThatFitsIsOnePart() {
        assertThat(TextParts.split("hello", 5)).containsExactly("hello");
    }

    @Test
    void aPartEndsAfterTheLastSpaceNearItsEndSoTheNextStartsWithAWord() {
        assertThat(TextParts.split("aaaa bbbb cccc dddd", 10)).containsExactly("aaaa bbbb ", "cccc dddd");
    }

    @Test
    void aLineBreakNearTheEndIsPreferredToALaterSpace() {
        assertThat(TextParts.split("aaaaaaaaaaaa\nbb cc dd", 16)).containsExactly("aaaaaaaaaaaa\n", "bb cc dd");
        assertThat(TextParts.split("aaaaaaaaaaaa\n\nbb cc dd ee", 16)).containsExactly("aaaaaaaaaaaa\n\n", "bb cc dd ee");
    }

    @Test
    void withoutWhiteSpaceNearTheEndAPartIsCutAtItsLimitButNeverInsideASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String text = "abc" + emoji + "def";
        List<String> parts = TextParts.split(text, 4);
        assertThat(parts).containsExactly("abc", emoji + "de", "f");
        assertThat(String.join("", parts)).isEqualTo(text);
    }

    @Test
    void aLetterAndItsAccentStayTogether() {
        assertThat(TextParts.split("abce\u0301fg", 4)).containsExactly("abc", "e\u0301fg");
    }

    @Test
    void aSpaceFarFromTheEndIsNotUsedAndPartsOfOnlyWhiteSpaceAreLeftOut() {
        assertThat(TextParts.split("a bcdefghijklmnop", 8)).containsExactly("a bcdefg", "hijklmno", "p");
        assertThat(TextParts.split("ab" + " ".repeat(12) + "cd", 4)).containsExactly("ab  ", "  cd");
    }

    @Test
    void everyPartIsWithinTheLimitAndTogetherTheyAreTheText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; b.length() < 20_000; i++) {
            b.append(i % 11 == 0 ? "\n" : i % 5 == 0 ? "\uD83D\uDC4D " : "word" + i + " ");
        }
        String text = b.toString();
        List<String> parts = TextParts.split(text, 4096);
        assertThat(parts).hasSize(5).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(4096));
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p).endsWith(" \n").hasSizeGreaterThan(3072));
        assertThat(String.join("", parts)).isEqualTo(text);
    }
}
