package io.periscope.server.catalog;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.periscope.discovery.view.RuleConflictException;
import io.periscope.server.api.ApiError;
import jakarta.inject.Singleton;

/**
 * A rule change refused because the set changed under it: 412 when the caller's {@code If-Match} is stale,
 * 409 when other API servers kept winning; either way nothing was written, and the current {@code ETag} is sent.
 */
@Singleton
public class RuleConflictHandler implements ExceptionHandler<RuleConflictException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, RuleConflictException exception) {
        HttpStatus status = exception.kind() == RuleConflictException.Kind.STALE_VERSION
                ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
        return ApiError.response(status, exception.getMessage())
                .header(HttpHeaders.ETAG, RulesController.etag(exception.currentVersion()));
    }
}
