package dev.deskbridge.connector.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiVersionTest {
    @Test
    void theApiKnowsItsOwnVersionFromTheBuild() {
        // The build filters the project version in; an unfiltered resource would show "${".
        assertThat(ApiVersion.current()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${")
                .isEqualTo(System.getProperty("deskbridge.api.version", "0.1.0"));
    }
}
