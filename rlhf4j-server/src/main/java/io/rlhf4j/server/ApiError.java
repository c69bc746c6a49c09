package io.rlhf4j.server;

/** An HTTP-level refusal (status, field, message) raised by the server's own checks. */
final class ApiError extends RuntimeException {
    final int status;
    final String field;

    ApiError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
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
