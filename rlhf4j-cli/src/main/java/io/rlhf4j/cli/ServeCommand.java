package io.rlhf4j.cli;

import io.rlhf4j.platform.AccountService;
import io.rlhf4j.server.AdminBootstrap;
import io.rlhf4j.server.Argon2Hasher;
import io.rlhf4j.server.PlatformServer;
import io.rlhf4j.server.ServerOptions;
import io.rlhf4j.server.bench.LoadBenchmark;
import io.rlhf4j.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./rlhf4j serve}: the annotation platform (web UI + JSON API) on one port. Runs until killed;
 * every acknowledged judgment is committed before the response, so kill -9 loses nothing acknowledged.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, subcommands = ServeCommand.Bench.class,
        description = "Run the human feedback platform: web UI and JSON API (OpenAPI at /api/openapi.json).")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    DbOption db;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--model", paramLabel = "PATH",
            description = "A checkpoint (HF model directory or llama2.c .bin, tokenizer beside it) that writes candidates: for prompts"
                    + " an admin asks to fill, and for multi-turn continuations. Repeat for several models. Default: none (import or attach candidates).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--max-new-tokens", defaultValue = "128", description = "Longest generated candidate, in tokens (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0.8", description = "Sampling temperature for candidates (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; use 0.0.0.0 to serve other machines).")
    String host;

    @Option(names = "--threads", defaultValue = "" + ServerOptions.DEFAULT_THREADS,
            description = "Requests handled at once; the database pool gets as many connections (default: ${DEFAULT-VALUE}). Further requests queue.")
    int threads;

    @Option(names = "--secure-cookies",
            description = "The server is reached over HTTPS (a TLS proxy in front): session cookies get Secure, responses send HSTS.")
    boolean secureCookies;

    @Override
    public Integer call() throws InterruptedException, java.io.IOException {
        // The URL and the admin password are what the user must read: keep pool, Flyway and Jetty INFO lines out of the way.
        QuietStoreLogs.apply();
        Store store = Store.open(db.jdbcUrl(), threads);
        Argon2Hasher hasher = new Argon2Hasher();
        var generated = AdminBootstrap.ensureAdmin(new AccountService(store, hasher, Clock.systemUTC()), System.getenv("RLHF4J_ADMIN_PASSWORD"));
        ModelCandidates generator = models.isEmpty() ? null : ModelCandidates.load(models, maxNewTokens, temperature, System.nanoTime());
        PlatformServer server = PlatformServer.start(store, hasher, Clock.systemUTC(),
                ServerOptions.builder().host(host).port(port).threads(threads).generator(generator).secureCookies(secureCookies).build());
        String url = "http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":" + server.port() + "/";
        System.out.println("rlhf4j serve: listening on " + url);
        if (generator != null) System.out.println("rlhf4j serve: candidates from " + models);
        if (generated.isPresent()) {
            System.out.println("rlhf4j serve: created user 'admin' with password " + generated.get());
            System.out.println("rlhf4j serve: this password is shown only once; log in at " + url + " and create the other accounts.");
        } else {
            System.out.println("rlhf4j serve: log in at " + url + " (first admin: user 'admin'; set RLHF4J_ADMIN_PASSWORD before the first start to choose its password).");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            if (generator != null) generator.close();
            store.close();
        }));
        new CountDownLatch(1).await();
        return 0;
    }

    /**
     * {@code ./rlhf4j serve bench}: the platform load benchmark (not a unit test). Creates its own
     * project and annotators, drives them over loopback HTTP, then verifies every acknowledged
     * judgment is in the database. Exit status 3 when verification fails.
     */
    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Load-test the platform: concurrent simulated annotators fetch and submit; reports judgments/s, p50/p99, errors; verifies the database.")
    public static final class Bench implements Callable<Integer> {
        @Mixin
        DbOption db;

        @Option(names = "--target", paramLabel = "URL", description = "A running server (e.g. http://127.0.0.1:8080) on the same --db; default: start one in-process on loopback.")
        String target;

        @Option(names = "--annotators", defaultValue = "200", description = "Concurrent simulated annotators (default: ${DEFAULT-VALUE}).")
        int annotators;

        @Option(names = "--prompts", defaultValue = "400", description = "Prompts (two candidates each) in the bench project (default: ${DEFAULT-VALUE}).")
        int prompts;

        @Option(names = "--overlap", defaultValue = "3", description = "Annotators per item (default: ${DEFAULT-VALUE}).")
        int overlap;

        @Option(names = "--max-requests", defaultValue = "20000", description = "Stop after this many HTTP requests (default: ${DEFAULT-VALUE}).")
        int maxRequests;

        @Option(names = "--max-seconds", defaultValue = "120", description = "Stop after this many seconds (default: ${DEFAULT-VALUE}).")
        long maxSeconds;

        @Option(names = "--threads", defaultValue = "" + ServerOptions.DEFAULT_THREADS,
                description = "The in-process server's request threads and database connections (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override
        public Integer call() throws Exception {
            if (target != null && !target.startsWith("http://127.0.0.1") && !target.startsWith("http://localhost")) {
                throw new IllegalArgumentException("--target must be a loopback URL (http://127.0.0.1:PORT): the benchmark never loads other machines");
            }
            QuietStoreLogs.apply();
            LoadBenchmark.Result r = LoadBenchmark.run(db.jdbcUrl(),
                    new LoadBenchmark.Config(target, annotators, prompts, overlap, maxRequests, maxSeconds, threads), System.out);
            System.out.printf("bench: %d annotators logged in in %.1f s (%d login failures)%n", r.annotators(), r.loginSeconds(), r.loginFailures());
            System.out.printf("bench: timed phase: %d requests in %.1f s, %d errors%s%n", r.requests(), r.seconds(), r.errors(),
                    r.errorKinds().isEmpty() ? "" : " " + new java.util.TreeMap<>(r.errorKinds()));
            System.out.printf("bench: %d judgments acknowledged = %.1f judgments/s (%d retries answered as duplicates)%n",
                    r.acknowledged(), r.judgmentsPerSecond(), r.duplicates());
            System.out.printf("bench: latency next p50 %.1f ms p99 %.1f ms; submit p50 %.1f ms p99 %.1f ms%n",
                    r.nextP50(), r.nextP99(), r.submitP50(), r.submitP99());
            System.out.printf("bench: verify: %d acknowledged judgments missing from the database, %d tasks acknowledged twice,"
                            + " %d submitted rows, %d judgment rows (equal: nothing stored twice), %d items over overlap -> %s%n",
                    r.missingInDatabase(), r.acknowledgedTwice(), r.submittedRows(), r.judgmentRows(), r.overfilledItems(),
                    r.verified() ? "OK" : "FAILED");
            return r.verified() ? 0 : 3;
        }
    }
}
