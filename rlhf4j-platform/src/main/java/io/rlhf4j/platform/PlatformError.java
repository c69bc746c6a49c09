package io.rlhf4j.platform;

/**
 * A refusal the caller can act on, with the field it is about (null when it is about no field). The
 * HTTP layer maps {@link Kind} to a status code; the services stay free of HTTP.
 */
public final class PlatformError extends RuntimeException {
    public enum Kind { INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, GONE }

    private final Kind kind;
    private final String field;

    public PlatformError(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static PlatformError invalid(String field, String message) {
        return new PlatformError(Kind.INVALID, field, field + ": " + message);
    }

    public static PlatformError notFound(String what) {
        return new PlatformError(Kind.NOT_FOUND, null, what + " not found");
    }

    public static PlatformError forbidden(String message) {
        return new PlatformError(Kind.FORBIDDEN, null, message);
    }

    public static PlatformError conflict(String message) {
        return new PlatformError(Kind.CONFLICT, null, message);
    }

    public Kind kind() { return kind; }

    public String field() { return field; }
}
