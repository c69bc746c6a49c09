package io.rlhf4j.cli;

import io.rlhf4j.server.AdminBootstrap;
import io.rlhf4j.server.Argon2Hasher;
import io.rlhf4j.server.PlatformServer;
import io.rlhf4j.store.Store;
import io.rlhf4j.store.platform.AccountService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./rlhf4j serve}: the annotation platform (web UI + JSON API) on one port. Runs until killed;
 * every acknowledged judgment is committed before the response, so kill -9 loses nothing acknowledged.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the human feedback platform: web UI and JSON API (OpenAPI at /api/openapi.json).")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; use 0.0.0.0 to serve other machines).")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        Store store = Store.open(db.jdbcUrl());
        Argon2Hasher hasher = new Argon2Hasher();
        var generated = AdminBootstrap.ensureAdmin(new AccountService(store, hasher, Clock.systemUTC()), System.getenv("RLHF4J_ADMIN_PASSWORD"));
        PlatformServer server = PlatformServer.start(store, host, port, hasher, Clock.systemUTC());
        String url = "http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + server.port() + "/";
        System.out.println("rlhf4j serve: listening on " + url);
        if (generated.isPresent()) {
            System.out.println("rlhf4j serve: created user 'admin' with password " + generated.get());
            System.out.println("rlhf4j serve: this password is shown only once; log in at " + url + " and create the other accounts.");
        } else {
            System.out.println("rlhf4j serve: log in at " + url + " (first admin: user 'admin'; set RLHF4J_ADMIN_PASSWORD before the first start to choose its password).");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            store.close();
        }));
        new CountDownLatch(1).await();
        return 0;
    }
}
