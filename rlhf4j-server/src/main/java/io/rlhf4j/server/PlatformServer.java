package io.rlhf4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.rlhf4j.platform.AccountService;
import io.rlhf4j.platform.AdjudicationService;
import io.rlhf4j.platform.CandidateGenerator;
import io.rlhf4j.platform.DashboardService;
import io.rlhf4j.platform.ExportService;
import io.rlhf4j.platform.LeaderboardService;
import io.rlhf4j.platform.Membership;
import io.rlhf4j.platform.PasswordHasher;
import io.rlhf4j.platform.PlatformError;
import io.rlhf4j.platform.ProjectService;
import io.rlhf4j.platform.QualityService;
import io.rlhf4j.platform.SessionService;
import io.rlhf4j.platform.TaskService;
import io.rlhf4j.store.Store;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The human feedback platform over HTTP: a JSON API under /api (described by /api/openapi.json) and
 * the web UI from the jar's /web resources, in one process. Javalin is used only here and in the
 * *Routes classes; everything they do is a call into the HTTP-free services.
 */
public final class PlatformServer implements AutoCloseable {
    /** Largest request body accepted: enough for a 1000-prompt import, small enough to refuse floods. */
    public static final long MAX_BODY = 2_000_000;
    static final long MAX_SMALL_BODY = 10_000;
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    private static final Set<String> PUBLIC = Set.of("/api/login", "/api/openapi.json", "/api/health");
    /** Threads Jetty keeps for accepting connections and selecting ready ones, beside the request handlers. */
    private static final int JETTY_OWN_THREADS = 6;
    private static final Logger LOG = LoggerFactory.getLogger(PlatformServer.class);

    private final Javalin app;
    private final AccountService accounts;
    private final ContinuationWorker continuations;

    private PlatformServer(Javalin app, AccountService accounts, ContinuationWorker continuations) {
        this.app = app;
        this.accounts = accounts;
        this.continuations = continuations;
    }

    /** Starts on host:port (port 0 picks a free one), without a model: continued conversations wait for candidates. */
    public static PlatformServer start(Store store, String host, int port, PasswordHasher hasher, Clock clock) {
        return start(store, hasher, clock, ServerOptions.builder().host(host).port(port).build());
    }

    /** Starts with a candidate generator (the model engine's sampler) for multi-turn continuations; null for none. */
    public static PlatformServer start(Store store, String host, int port, PasswordHasher hasher, Clock clock, CandidateGenerator generator) {
        return start(store, hasher, clock, ServerOptions.builder().host(host).port(port).generator(generator).build());
    }

    public static PlatformServer start(Store store, PasswordHasher hasher, Clock clock, ServerOptions options) {
        CandidateGenerator generator = options.generator();
        AccountService accounts = new AccountService(store, hasher, clock);
        SessionService sessions = new SessionService(store, clock, SESSION_LIFETIME);
        ProjectService projects = new ProjectService(store, clock);
        Auth auth = new Auth(sessions);
        ContinuationWorker continuations = new ContinuationWorker(projects, generator);
        ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = MAX_BODY;
            // Handler threads beyond the store's connections would only wait for one (and fail after
            // the pool's timeout); Jetty's own acceptor and selector threads come on top.
            config.jetty.threadPool = new QueuedThreadPool(options.threads() + JETTY_OWN_THREADS, Math.min(8, options.threads()));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
        });
        app.before("/api/*", ctx -> {
            if (!PUBLIC.contains(ctx.path())) auth.authenticate(ctx);
        });
        app.after(ctx -> securityHeaders(ctx, options.secureCookies()));
        app.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
        app.get("/api/openapi.json", ctx -> ctx.contentType("application/json")
                .result(PlatformServer.class.getResourceAsStream("/web/openapi.json")));
        new AuthRoutes(accounts, sessions, SESSION_LIFETIME, new LoginThrottle(clock), options.secureCookies()).register(app);
        new TaskRoutes(new TaskService(store, clock), continuations).register(app);
        new AdminRoutes(accounts, sessions, projects, new Membership(store), generator).register(app);
        new ReportRoutes(new DashboardService(store, clock), new QualityService(store), new AdjudicationService(store, clock),
                new LeaderboardService(store), new ExportService(store)).register(app);
        registerErrors(app);
        app.start(options.host(), options.port());
        return new PlatformServer(app, accounts, continuations);
    }

    private static void registerErrors(Javalin app) {
        app.exception(ApiError.class, (e, ctx) -> {
            if (e.retryAfterSeconds > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds));
            error(ctx, e.status, e.field, e.getMessage());
        });
        app.exception(PlatformError.class, (e, ctx) -> error(ctx, switch (e.kind()) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
        }, e.field(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getStatus() == 413 ? "body" : null, e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("request failed: {} {}", ctx.method(), ctx.path(), e);
            error(ctx, 500, null, "internal error; the server log has the details");
        });
        app.error(404, ctx -> {
            if (ctx.path().startsWith("/api/") && ctx.result() == null) error(ctx, 404, null, "no such endpoint: " + ctx.path());
        });
    }

    private static void error(Context ctx, int status, String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        if (field != null) body.put("field", field);
        ctx.status(status).json(body);
    }

    /** Scripts only from this origin (no inline script, so injected markup cannot run), no framing, no sniffing. */
    private static void securityHeaders(Context ctx, boolean https) {
        // Behind TLS, browsers are told to use HTTPS only for a year, so a cookie never travels in clear.
        if (https) ctx.header("Strict-Transport-Security", "max-age=31536000");
        ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (ctx.path().startsWith("/api/")) ctx.header("Cache-Control", "no-store");
    }

    public AccountService accounts() {
        return accounts;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        continuations.close();
    }
}
