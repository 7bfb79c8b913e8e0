package io.periscope.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Turns an {@link InvalidParameterException} into a 400 {@link ApiError}. */
@Singleton
public class InvalidParameterHandler implements ExceptionHandler<InvalidParameterException, HttpResponse<ApiError>> {
    @Override
    public HttpResponse<ApiError> handle(HttpRequest request, InvalidParameterException exception) {
        return ApiError.response(HttpStatus.BAD_REQUEST, exception.getMessage());
    }
}
