package io.periscope.server.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.periscope.discovery.view.RuleStoreUnavailableException;
import io.periscope.server.api.ApiError;
import jakarta.inject.Singleton;

/** A rule change Kafka did not take or confirm in time: 503; after a timeout it may have been stored (read before retrying). */
@Singleton
public class RuleStoreUnavailableHandler implements ExceptionHandler<RuleStoreUnavailableException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RuleStoreUnavailableException exception) {
        return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, exception.getMessage());
    }
}
