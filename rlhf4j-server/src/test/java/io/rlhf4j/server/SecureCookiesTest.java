package io.rlhf4j.server;

import io.rlhf4j.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** serve --secure-cookies: behind a TLS proxy the session cookie is HTTPS-only and browsers are told to stay on HTTPS. */
class SecureCookiesTest extends ServerTestBase {
    @Override
    protected TestDatabase createDatabase(Path tempDir) {
        return TestDatabase.h2(tempDir);
    }

    @Override
    protected ServerOptions.Builder options() {
        return ServerOptions.builder().secureCookies(true);
    }

    @Test
    void theSessionCookieIsSecureAndEveryResponseSendsHsts() {
        ApiClient.Response r = client().login("boss", ADMIN_PASSWORD);
        assertThat(ApiClient.headerOf(r, "Set-Cookie")).contains("; Secure").contains("HttpOnly").contains("SameSite=Strict");
        assertThat(ApiClient.headerOf(r, "Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(ApiClient.headerOf(admin.get("/api/me"), "Strict-Transport-Security")).isEqualTo("max-age=31536000");
    }
}
