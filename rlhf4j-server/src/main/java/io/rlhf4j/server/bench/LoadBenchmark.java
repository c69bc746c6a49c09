package io.rlhf4j.server.bench;

import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.server.Argon2Hasher;
import io.rlhf4j.server.PlatformServer;
import io.rlhf4j.server.ServerOptions;
import io.rlhf4j.store.Store;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform load benchmark: N simulated annotators fetch and submit concurrently over loopback
 * HTTP, bounded by a request count and a time limit; then every acknowledged judgment is looked up
 * in the database and overlap is checked. Against an external server (target URL) the run survives
 * a kill -9 and restart of that server, which is how the crash check is done.
 */
public final class LoadBenchmark {
    /** threads: the in-process server's request threads and store connections (unused against a target). */
    public record Config(String targetUrl, int annotators, int prompts, int overlap, int maxRequests, long maxSeconds, int threads) {}

    /**
     * judgmentRows counts the judgments stored for the run's project: equal to submittedRows when no
     * submission was stored twice (a retry after a crash must not add a second judgment).
     * acknowledgedTwice counts (annotator, prompt) pairs the server acknowledged under two different
     * judgments: a task whose acknowledged submission was lost in a crash, served again and answered afresh.
     */
    public record Result(int annotators, int loginFailures, double loginSeconds, int requests, int errors, int acknowledged,
                         int duplicates, double seconds, double judgmentsPerSecond, double nextP50, double nextP99,
                         double submitP50, double submitP99, int missingInDatabase, long submittedRows, long judgmentRows,
                         long overfilledItems, int acknowledgedTwice, Map<String, Integer> errorKinds) {
        public boolean verified() {
            return missingInDatabase == 0 && overfilledItems == 0 && acknowledgedTwice == 0 && judgmentRows == submittedRows
                    && acknowledged <= submittedRows;
        }
    }

    private LoadBenchmark() {}

    /**
     * Against a target server the store is open only to create the world and to verify: while the
     * clients run, this process holds no connection, so a killed and restarted server (on an embedded
     * file, the process that owns the file) is the only writer.
     */
    public static Result run(String jdbcUrl, Config config, PrintStream out) throws Exception {
        String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        Argon2Hasher hasher = new Argon2Hasher();
        out.printf("bench: creating %d annotators and %d prompts (run %s)...%n", config.annotators(), config.prompts(), runId);
        Store store = Store.open(jdbcUrl, config.threads());
        try {
            BenchSetup.World world = BenchSetup.create(new AccountService(store, hasher, Clock.systemUTC()),
                    new ProjectService(store, Clock.systemUTC()), runId, config.annotators(), config.prompts(), config.overlap());
            if (config.targetUrl() == null) return drive(store, world, config, out, hasher);
            store.close();
            store = null;
            BenchTimes times = drive(world, config, null, out);
            store = Store.open(jdbcUrl);
            return verify(store, world, times, config.annotators());
        } finally {
            if (store != null) store.close();
        }
    }

    private static Result drive(Store store, BenchSetup.World world, Config config, PrintStream out, Argon2Hasher hasher) throws Exception {
        ServerOptions options = ServerOptions.builder().threads(config.threads()).build();
        try (PlatformServer local = PlatformServer.start(store, hasher, Clock.systemUTC(), options)) {
            return verify(store, world, drive(world, config, "http://127.0.0.1:" + local.port(), out), config.annotators());
        }
    }

    private record BenchTimes(BenchRun run, double seconds, double loginSeconds) {}

    private static BenchTimes drive(BenchSetup.World world, Config config, String localUrl, PrintStream out) throws Exception {
        String base = localUrl != null ? localUrl : config.targetUrl().replaceAll("/$", "");
        out.printf("bench: %d annotators against %s, at most %d requests or %d s%n", config.annotators(), base, config.maxRequests(),
                config.maxSeconds());
        BenchRun run = new BenchRun(base, world.projectId(), world.password(), config.maxRequests(), config.maxSeconds(),
                world.usernames().size());
        long t0;
        double loginSeconds;
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            // Progress lines let a crash test (bench/kill9-check.sh) strike while judgments are flowing.
            Thread progress = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        Thread.sleep(2000);
                        out.printf("bench: progress %d acknowledged, %d errors%n", run.acknowledged.size(), run.errors.get());
                    }
                } catch (InterruptedException done) {
                    // the run is over
                }
            });
            List<Thread> threads = new ArrayList<>();
            long l0 = System.nanoTime();
            for (String name : world.usernames()) threads.add(Thread.ofVirtual().start(new VirtualAnnotator(run, name, http)));
            run.loggedIn.await();
            loginSeconds = (System.nanoTime() - l0) / 1e9;
            out.printf("bench: %d annotators logged in after %.1f s (%d failed); timed phase starts%n", world.usernames().size(),
                    loginSeconds, run.loginFailures.get());
            t0 = System.nanoTime();
            run.startTimedPhase();
            for (Thread t : threads) t.join();
            progress.interrupt();
        }
        return new BenchTimes(run, (System.nanoTime() - t0) / 1e9, loginSeconds);
    }

    private static Result verify(Store store, BenchSetup.World world, BenchTimes times, int annotators) {
        BenchRun run = times.run();
        double seconds = times.seconds();
        Set<String> acked = run.judgmentIds();
        int missing = 0;
        for (String id : acked) {
            if (store.transaction(tx -> tx.judgments().find(id)).isEmpty()) missing++;
        }
        long submitted = scalar(store, "SELECT COUNT(*) FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id"
                + " WHERE i.project_id = ? AND a.state = 'SUBMITTED'", world.projectId());
        long overfilled = scalar(store, "SELECT COUNT(*) FROM (SELECT a.item_id FROM platform_assignments a JOIN platform_items i ON i.id = a.item_id"
                + " WHERE i.project_id = ? AND a.state = 'SUBMITTED' GROUP BY a.item_id HAVING COUNT(*) > " + world.overlap() + ") x", world.projectId());
        long judgments = scalar(store, "SELECT COUNT(*) FROM judgments j WHERE j.prompt_id IN"
                + " (SELECT prompt_id FROM platform_project_prompts WHERE project_id = ?)", world.projectId());
        return new Result(annotators, run.loginFailures.get(), times.loginSeconds(), run.requests.get(), run.errors.get(), acked.size(),
                run.duplicates.get(), seconds, acked.size() / seconds, run.nextLatency.percentileMs(0.5), run.nextLatency.percentileMs(0.99),
                run.submitLatency.percentileMs(0.5), run.submitLatency.percentileMs(0.99), missing, submitted, judgments, overfilled,
                run.acknowledgedTwice(), Map.copyOf(run.errorKinds));
    }

    private static long scalar(Store store, String sql, String param) {
        return store.transaction(tx -> {
            Connection c = tx.connection();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
