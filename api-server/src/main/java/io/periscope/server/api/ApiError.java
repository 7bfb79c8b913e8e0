package io.periscope.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/**
 * The body of every error answer of the REST API.
 *
 * @param status  the HTTP status code, repeated for clients that only see the body
 * @param error   the status reason, e.g. {@code Forbidden}
 * @param message what went wrong, for a person
 */
public record ApiError(int status, String error, String message) {

    public static MutableHttpResponse<ApiError> response(HttpStatus status, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(status.getCode(), status.getReason(), message));
    }
}
