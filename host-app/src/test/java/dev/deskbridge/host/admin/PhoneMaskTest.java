package dev.deskbridge.host.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deskbridge.connector.api.model.PhoneNumber;
import org.junit.jupiter.api.Test;

class PhoneMaskTest {
    @Test
    void keepsTheLeadingThreeAndLastFourDigits() {
        assertThat(PhoneMask.mask(PhoneNumber.of("+12015550123"))).isEqualTo("+120****0123");
        assertThat(PhoneMask.mask(PhoneNumber.of("+4915123456789"))).isEqualTo("+491******6789");
    }

    @Test
    void shortNumbersStillHideTheirMiddle() {
        assertThat(PhoneMask.mask(PhoneNumber.of("+3525512345"))).isEqualTo("+352***2345");
        assertThat(PhoneMask.mask(PhoneNumber.of("+29912345"))).isEqualTo("+2*****45");
    }
}
