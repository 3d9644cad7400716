package io.rerankworkbench.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The HTTP layer's own refusals — a malformed request line or header ({@code Content-Length: abc}), headers over the
 * limit, a request that failed before reaching the endpoints — in Cohere's error shape rather than an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    private final int maxHeaderBytes;

    JsonErrorHandler(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        Object attribute = request.getAttribute(ERROR_STATUS);
        if (attribute instanceof Integer code) {
            status = code;
        }
        Object reason = request.getAttribute(ERROR_MESSAGE);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = json(status, reason == null ? null : reason.toString());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private byte[] json(int status, String reason) {
        ApiException e = switch (status) {
            case 431 -> ApiException.headersTooLarge(maxHeaderBytes);
            case 413 -> ApiException.ofStatus(413, "request too large");
            case 400 -> ApiException.badRequest("the HTTP request is malformed"
                    + (reason == null || reason.isBlank() ? "" : ": " + plain(reason)));
            case 408 -> ApiException.readTimeout("the request did not arrive in time");
            case 500 -> ApiException.internal("internal server error");
            default -> ApiException.ofStatus(status, reason == null || reason.isBlank()
                    ? "the request was refused (HTTP " + status + ")" : plain(reason));
        };
        try {
            return Wire.JSON.writeValueAsBytes(new Wire.ErrorBody(UUID.randomUUID().toString(), e.getMessage(),
                    null, null));
        } catch (JsonProcessingException impossible) {
            return ("{\"message\":\"HTTP " + status + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The parser's reason, without class names or anything that is not plain text. */
    private static String plain(String reason) {
        String r = ServerHandler.printable(reason);
        int brace = r.indexOf('{');
        if (brace > 0) {
            r = r.substring(0, brace).strip();
        }
        return r.replace("Invalid Content-Length Value", "Content-Length is not a number")
                .replace("Duplicate Content-Length", "Content-Length is given twice");
    }
}
