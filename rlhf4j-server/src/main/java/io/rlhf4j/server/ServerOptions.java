package io.rlhf4j.server;

import io.rlhf4j.platform.CandidateGenerator;

/**
 * How a {@link PlatformServer} runs. Build with {@link #builder()}; unset fields keep the defaults.
 *
 * @param host      address to listen on
 * @param port      TCP port; 0 picks a free one
 * @param threads   requests handled at once; the store's pool should have as many connections
 *                  (see {@link #DEFAULT_THREADS}), further requests wait in the server's queue
 * @param generator writes candidates for continued conversations and for "generate"; null for none
 * @param secureCookies the server is reached over HTTPS (a TLS proxy in front): session cookies get
 *                  {@code Secure} and responses {@code Strict-Transport-Security}
 */
public record ServerOptions(String host, int port, int threads, CandidateGenerator generator, boolean secureCookies) {
    /**
     * Enough to keep two cores and the database busy while some requests wait on row locks; more
     * threads only add contention on a small machine. {@code ./rlhf4j serve --threads} changes it.
     */
    public static final int DEFAULT_THREADS = 16;

    public ServerOptions {
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is required");
        if (port < 0 || port > 65_535) throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        if (threads < 1 || threads > 1000) throw new IllegalArgumentException("threads must be in [1, 1000], got " + threads);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private int threads = DEFAULT_THREADS;
        private CandidateGenerator generator;
        private boolean secureCookies;

        private Builder() {}

        public Builder host(String host) { this.host = host; return this; }

        public Builder port(int port) { this.port = port; return this; }

        public Builder threads(int threads) { this.threads = threads; return this; }

        public Builder generator(CandidateGenerator generator) { this.generator = generator; return this; }

        public Builder secureCookies(boolean secureCookies) { this.secureCookies = secureCookies; return this; }

        public ServerOptions build() {
            return new ServerOptions(host, port, threads, generator, secureCookies);
        }
    }
}
