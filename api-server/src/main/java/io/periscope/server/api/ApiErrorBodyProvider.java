package io.periscope.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * Gives the errors Micronaut raises itself (unknown route, wrong method, unreadable body, body too
 * large...) the same JSON body as ours, so a client handles one error shape.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<ApiError> {
    @Override
    public ApiError body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String message = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
        return new ApiError(status.getCode(), status.getReason(), message.isEmpty() ? status.getReason() : message);
    }
}
