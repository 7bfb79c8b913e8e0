package io.periscope.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives every error Micronaut raises itself (unknown route, wrong method, unreadable or too large body,
 * malformed request line, an exception escaping a route) the same JSON body as ours, so a client handles one
 * error shape. It replaces Micronaut's processor, which answers an HTML page to browsers and quotes exception
 * messages (Jackson locations, Java class names, {@code "Internal Server Error: " + e.getMessage()}): the
 * message here is written by {@link FrameworkErrors} from the kind of error only.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorResponseProcessor implements ErrorResponseProcessor<ApiError> {
    private final long maxRequestBytes;

    public ApiErrorResponseProcessor(HttpServerConfiguration server) {
        this.maxRequestBytes = server.getMaxRequestSize();
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ApiError> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int code = response.code();
        String reason = HttpStatus.getDefaultReason(code);
        // Framework handlers set their own reason phrases ("Invalid JSON"); the status line keeps the standard one.
        MutableHttpResponse<ApiError> out = (MutableHttpResponse<ApiError>) response.status(code, reason);
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return out;
        }
        String message = FrameworkErrors.message(context.getRootCause().orElse(null), code, maxRequestBytes);
        return out.body(new ApiError(code, reason, message)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
