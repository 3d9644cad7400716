package io.rerankworkbench.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request of the server: routing, the API key, the body limit, JSON, and errors in Cohere's shape
 * ({@code {"id", "message"}}). Nothing a handler throws reaches the client as a stack trace; unexpected failures are
 * logged with the request id and answered with a plain 500.
 *
 * <p>Order of checks: shutting down (503), {@code /health} (open to all), API key (401), path (404), method (405),
 * body size (413), JSON and fields (400), model (404), scoring.
 */
final class ServerHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ServerHandler.class.getName());

    static final String HEALTH = "/health";
    static final String TEI = "/rerank";
    private static final Map<String, RerankRequest.Api> RERANK_PATHS = Map.of(
            "/v1/rerank", RerankRequest.Api.COHERE_V1,
            "/v2/rerank", RerankRequest.Api.COHERE_V2,
            TEI, RerankRequest.Api.TEI);
    private static final String ENDPOINTS =
            "POST /v1/rerank, POST /v2/rerank (Cohere), POST /rerank (TEI) and GET /health";
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cntrl}]");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+(\\S+)\\s*");

    private final RerankEndpoints endpoints;
    private final ServerConfig config;
    private final byte[] keyDigest;
    private final InFlight inFlight;

    ServerHandler(RerankEndpoints endpoints, ServerConfig config, InFlight inFlight) {
        this.endpoints = endpoints;
        this.config = config;
        this.inFlight = inFlight;
        // Only a digest is kept for the comparison, which then takes the same time whatever the guess.
        this.keyDigest = config.apiKey() == null ? null : sha256(config.apiKey());
    }

    @Override
    public void handle(HttpExchange exchange) {
        String id = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath() == null ? "" : exchange.getRequestURI().getRawPath();
        boolean tei = TEI.equals(path);
        long start = System.nanoTime();
        int status = -1;
        boolean admitted = inFlight.enter();
        try {
            if (!admitted) {
                throw ApiException.unavailable("the server is shutting down");
            }
            status = respond(exchange, id, method, path);
        } catch (ApiException e) {
            status = sendError(exchange, id, e, tei);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Request " + id + " (" + method + " " + printable(path) + ") failed", e);
            status = sendError(exchange, id, ApiException.internal("internal server error (request id " + id + ")"),
                    tei);
        } catch (IOException e) {
            // The client went away mid-request; nobody is left to answer.
            LOG.log(Level.DEBUG, () -> "Request " + id + ": connection lost: " + e.getMessage());
        } finally {
            exchange.close();
            if (admitted) {
                inFlight.exit();
            }
        }
        int finalStatus = status;
        LOG.log(Level.DEBUG, () -> method + " " + printable(path) + " -> " + finalStatus + " in "
                + (System.nanoTime() - start) / 1_000_000 + " ms (" + id + ")");
    }

    private int respond(HttpExchange exchange, String id, String method, String path) throws IOException {
        if (HEALTH.equals(path)) {
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                throw notAllowed(exchange, method, path, "GET");
            }
            return send(exchange, 200, new Wire.Health("ok"));
        }
        authorize(exchange);
        RerankRequest.Api api = RERANK_PATHS.get(path);
        if (api == null) {
            throw ApiException.notFound("no endpoint at " + printable(path) + "; this server offers " + ENDPOINTS);
        }
        if (!"POST".equals(method)) {
            throw notAllowed(exchange, method, path, "POST");
        }
        JsonNode json = parse(readBody(exchange));
        RerankRequest request = RerankRequest.parse(api, json, config.maxDocuments());
        Object response = switch (api) {
            case COHERE_V1 -> endpoints.cohere(id, "1", request);
            case COHERE_V2 -> endpoints.cohere(id, "2", request);
            case TEI -> endpoints.tei(request);
        };
        return send(exchange, 200, response);
    }

    private void authorize(HttpExchange exchange) {
        if (keyDigest == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        var bearer = header == null ? null : BEARER.matcher(header.strip());
        if (bearer == null || !bearer.matches()
                || !MessageDigest.isEqual(keyDigest, sha256(bearer.group(1)))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw ApiException.unauthorized();
        }
    }

    private static ApiException notAllowed(HttpExchange exchange, String method, String path, String allowed) {
        exchange.getResponseHeaders().set("Allow", allowed.equals("GET") ? "GET, HEAD" : allowed);
        return ApiException.methodNotAllowed(printable(method), path, allowed);
    }

    /**
     * The body, read no further than one byte past the limit. A declared length over the limit is refused before
     * reading anything; a chunked body is cut off as soon as it passes the limit. The connection is then closed
     * rather than drained.
     */
    private byte[] readBody(HttpExchange exchange) throws IOException {
        int limit = config.maxBodyBytes();
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) {
                    throw tooLarge(exchange, limit);
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number");
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(exchange, limit);
        }
        return body;
    }

    private static ApiException tooLarge(HttpExchange exchange, int limit) {
        exchange.getResponseHeaders().set("Connection", "close");
        return ApiException.tooLarge(limit);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the body is empty; send a JSON object");
        }
        try {
            return Wire.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw ApiException.badRequest("the body is not valid JSON: " + oneLine(e.getOriginalMessage()) + where);
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read as JSON");
        }
    }

    private int sendError(HttpExchange exchange, String id, ApiException e, boolean tei) {
        Wire.ErrorBody body = tei ? new Wire.ErrorBody(id, e.getMessage(), e.getMessage(), e.teiErrorType())
                : new Wire.ErrorBody(id, e.getMessage(), null, null);
        try {
            return send(exchange, e.status(), body);
        } catch (IOException | RuntimeException failed) {
            LOG.log(Level.DEBUG, () -> "Request " + id + ": could not send the error: " + failed);
            return e.status();
        }
    }

    /** Writes {@code body} as JSON; serialized first, so a failure leaves the response unstarted. */
    private static int send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Wire.JSON.writeValueAsBytes(body);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return status;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    /** A client-supplied string fit for a message or a log line: no control characters, at most 100 chars. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = UNPRINTABLE.matcher(s).replaceAll("?");
        return clean.length() > 100 ? clean.substring(0, 100) + "…" : clean;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
