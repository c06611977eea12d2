package dev.deskbridge.connector.api.badspi;

import org.assertj.core.api.Assertions;

/** A deliberately bad SPI type, for SpiArchitectureTest only: it uses a library type (AssertJ here). */
public record BadSpiRecord(String text) {
    public BadSpiRecord {
        Assertions.assertThat(text).isNotBlank();
    }
}
