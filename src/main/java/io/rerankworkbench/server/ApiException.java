package io.rerankworkbench.server;

/**
 * A request that gets an error response: the HTTP status and a message for the client. The message is sent as is,
 * so it must never hold a stack trace, a secret or a server-side path. Carries no stack trace of its own.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String teiErrorType;

    private ApiException(int status, String message, String teiErrorType) {
        super(message, null, false, false);
        this.status = status;
        this.teiErrorType = teiErrorType;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "invalid request: " + message, "Validation");
    }

    /** A 400 for an empty list of documents; TEI calls that kind of error "Empty". */
    static ApiException empty(String message) {
        return new ApiException(400, "invalid request: " + message, "Empty");
    }

    static ApiException unauthorized() {
        return new ApiException(401, "invalid api token: send the server's API key as 'Authorization: Bearer <key>'",
                "Unauthorized");
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message, "NotFound");
    }

    static ApiException methodNotAllowed(String method, String path, String allowed) {
        return new ApiException(405, method + " is not allowed on " + path + "; use " + allowed,
                "MethodNotAllowed");
    }

    static ApiException tooLarge(int limit) {
        return new ApiException(413, "request body too large: the limit is " + limit + " bytes", "PayloadTooLarge");
    }

    static ApiException forbidden(String message) {
        return new ApiException(403, message, "Forbidden");
    }

    /** The client took longer than the read timeout to send its body. */
    static ApiException readTimeout(String message) {
        return new ApiException(408, message, "Timeout");
    }

    static ApiException headersTooLarge(int limit) {
        return new ApiException(431, "request headers too large: the limit is " + limit + " bytes",
                "PayloadTooLarge");
    }

    /** Any other status the HTTP layer refuses a request with before it reaches the endpoints. */
    static ApiException ofStatus(int status, String message) {
        return new ApiException(status, message, status >= 500 ? "Backend" : "Validation");
    }

    static ApiException internal(String message) {
        return new ApiException(500, message, "Backend");
    }

    static ApiException unavailable(String message) {
        return new ApiException(503, message, "Unhealthy");
    }

    int status() {
        return status;
    }

    /** The {@code error_type} a TEI client expects for this error. */
    String teiErrorType() {
        return teiErrorType;
    }
}
