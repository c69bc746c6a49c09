package io.rlhf4j.server;

import io.rlhf4j.platform.Platform;
import io.rlhf4j.platform.UserRole;
import io.rlhf4j.store.testing.StoreTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server on a fresh store per test, with an admin "boss" logged in as {@link #admin}. Suites
 * extend it (abstract, then an H2 and a PostgreSQL subclass, as with every store-backed suite).
 */
abstract class ServerTestBase extends StoreTestBase {
    static final String ADMIN_PASSWORD = "boss-password-7Qx";
    protected Platform platform;
    protected PlatformServer server;
    protected ApiClient admin;

    /** The options the suite's server runs with; override to change them. */
    protected ServerOptions.Builder options() {
        return ServerOptions.builder();
    }

    @BeforeEach
    void startServer() {
        platform = new Platform(store);
        server = PlatformServer.start(store, Platform.TEST_HASHER, platform.clock, options().build());
        platform.accounts.create("boss", null, UserRole.ADMIN, ADMIN_PASSWORD, Map.of());
        admin = client();
        assertThat(admin.login("boss", ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    protected ApiClient client() {
        return new ApiClient(server.port());
    }

    /** A client logged in as a new annotator {@code name} (password "password-NAME"). */
    protected ApiClient annotator(String name) {
        platform.annotator(name, null);
        ApiClient c = client();
        assertThat(c.login(name, "password-" + name).status()).isEqualTo(200);
        return c;
    }
}
