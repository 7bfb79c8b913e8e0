package io.periscope.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.periscope.events.kafka.RecordLimitExceededException;
import jakarta.inject.Singleton;

/** A record over a documented size or count limit: 413, nothing was written. */
@Singleton
public class RecordLimitHandler implements ExceptionHandler<RecordLimitExceededException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RecordLimitExceededException exception) {
        return ApiError.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, exception.getMessage());
    }
}
