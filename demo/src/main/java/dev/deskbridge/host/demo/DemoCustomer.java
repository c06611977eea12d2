package dev.deskbridge.host.demo;

import dev.deskbridge.connector.api.model.PhoneNumber;
import java.util.Objects;

/**
 * A customer of the demo's support day.
 *
 * @param name the WhatsApp profile name
 * @param number the WhatsApp number
 * @param country where the number is from (it decides the price market)
 */
public record DemoCustomer(String name, PhoneNumber number, String country) {
    public DemoCustomer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(country, "country");
    }

    /** {@code Ana Souza (+5511987654321, Brazil)}. */
    public String introduce() {
        return name + " (" + number.e164() + ", " + country + ")";
    }

    /** The first name, as the story calls the customer after the introduction. */
    public String firstName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
