package io.rlhf4j.server;

/** An HTTP-level refusal (status, field, message) raised by the server's own checks. */
final class ApiError extends RuntimeException {
    final int status;
    final String field;
    /** Seconds for a Retry-After header (429); 0 for none. */
    long retryAfterSeconds;

    ApiError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    ApiError retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    static ApiError unauthenticated() {
        return new ApiError(401, null, "log in first (session cookie or Authorization: Bearer token)");
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, null, message);
    }

    static ApiError badRequest(String field, String message) {
        return new ApiError(400, field, field + ": " + message);
    }
}
