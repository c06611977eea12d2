package dev.deskbridge.host.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.model.PhoneNumber;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The code a link carries in its prefilled text: made, found, taken out; what an operator gives checked. */
class LinkCodesTest {

    @Test
    void aCodeIsFoundAndTakenOutWhereverTheCustomerLeftIt() {
        assertThat(LinkCodes.find("Hi, I saw your poster (ref K7Q2M9)"))
                .contains(new LinkCodes.Found("K7Q2M9", "Hi, I saw your poster"));
        assertThat(LinkCodes.find("(ref K7Q2M9) my order is late")).map(LinkCodes.Found::textWithout)
                .contains("my order is late");
        assertThat(LinkCodes.find("Hi (ref K7Q2M9) there")).map(LinkCodes.Found::textWithout).contains("Hi there");
        assertThat(LinkCodes.find("(ref K7Q2M9)")).map(LinkCodes.Found::textWithout).contains("");
        assertThat(LinkCodes.find("Hi, no code here")).isEmpty();
        assertThat(LinkCodes.find("(ref k7q2m9)")).as("codes are upper case").isEmpty();
        assertThat(LinkCodes.find("(ref K7Q2M0)")).as("0 is not in the alphabet").isEmpty();
    }

    @Test
    void generatedCodesAreFoundInTheTextTheyPrefill() {
        for (int i = 0; i < 200; i++) {
            String code = LinkCodes.generate();
            assertThat(code).matches(LinkCodes.CODE.pattern());
            assertThat(LinkCodes.find(LinkCodes.prefilled("Hello!", code)))
                    .contains(new LinkCodes.Found(code, "Hello!"));
        }
    }

    @Test
    void theWaMeLinkOpensTheNumberWithTheEncodedPrefilledText() {
        ChatLink link = new ChatLink("K7Q2M9", "Poster", "poster", "wa-main", PhoneNumber.of("+15550001111"),
                "Hi & hello, 50% off?", Optional.empty(), Optional.empty(), Instant.EPOCH, Optional.empty());
        assertThat(link.waMeUrl())
                .isEqualTo("https://wa.me/15550001111?text=Hi%20%26%20hello%2C%2050%25%20off%3F%20%28ref%20K7Q2M9%29");
    }

    @Test
    void whatAnOperatorGivesIsCheckedWithTheFieldNamed() {
        assertThatThrownBy(() -> LinkFields.source("Product Page")).hasMessageStartingWith("source:");
        assertThat(LinkFields.source("product-page")).isEqualTo("product-page");
        assertThatThrownBy(() -> LinkFields.name(" ")).hasMessageStartingWith("name:");
        assertThatThrownBy(() -> LinkFields.message("x".repeat(LinkFields.MAX_MESSAGE + 1)))
                .hasMessageStartingWith("message:").hasMessageContaining("140");
        assertThat(LinkFields.MAX_MESSAGE + LinkCodes.tokenLength()).isEqualTo(140);
        assertThatThrownBy(() -> LinkFields.message("Hi (ref K7Q2M9)")).hasMessageContaining("link code");
        assertThatThrownBy(() -> LinkFields.code("abc")).hasMessageStartingWith("code:");
    }

    @Test
    void aNameStoredBeforeControlCharactersWereRefusedReachesTheCrmEscaped() {
        ChatLink old = new ChatLink("GW856Z", "ctl\u0000\u0007\u202eevil", "poster", "wa-main",
                PhoneNumber.of("+15550001111"), "Hi", Optional.empty(), Optional.empty(), Instant.EPOCH,
                Optional.empty());
        assertThat(old.entryLink().name()).isEqualTo("ctl\\u0000\\u0007\\u202eevil");
        assertThat(new ChatLink("K7Q2M9", "Café 🌸 ربيع", "poster", "wa-main", PhoneNumber.of("+15550001111"), "Hi",
                Optional.empty(), Optional.empty(), Instant.EPOCH, Optional.empty()).entryLink().name())
                .isEqualTo("Café 🌸 ربيع");
    }
}
