package dev.deskbridge.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deskbridge.connector.api.config.Secret;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final BearerToken token = new BearerToken(new Secret("s3cret-admin-token-42"));

    @Test
    void acceptsExactlyTheBearerToken() {
        assertThat(token.accepts("Bearer s3cret-admin-token-42")).isTrue();
        assertThat(token.accepts("bearer s3cret-admin-token-42 ")).isTrue();
        assertThat(token.accepts("Bearer s3cret-admin-token-4")).isFalse();
        assertThat(token.accepts("Bearer s3cret-admin-token-42x")).isFalse();
        assertThat(token.accepts("Basic s3cret-admin-token-42")).isFalse();
        assertThat(token.accepts("s3cret-admin-token-42")).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
        assertThat(token.accepts("")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void refusesAGuessableTokenWithoutShowingIt() {
        assertThatThrownBy(() -> new BearerToken(new Secret("short-one")))
                .hasMessage("host.admin_token: must be at least 16 characters");
    }

    @Test
    void neverShowsTheToken() {
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
