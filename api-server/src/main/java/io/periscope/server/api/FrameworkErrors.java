package io.periscope.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.json.JsonSyntaxException;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The message of an error the framework raised, written from the kind of error and from values the API
 * itself defines (parameter names, allowed methods and media types, JSON field paths and positions).
 * Never an exception's own message: those carry Java class names, Jackson internals and echoed input.
 */
final class FrameworkErrors {
    private static final Map<Integer, String> BY_STATUS = Map.of(
            400, "the request could not be read: check the request line, headers and body",
            401, "authentication required: send Authorization: Bearer <token>, or sign in",
            403, "forbidden",
            404, "no such route",
            405, "this method is not allowed on this route",
            406, "this route cannot answer in any of the accepted media types",
            413, "the request is too large",
            415, "this route does not accept this Content-Type",
            500, "internal error; the server log has the details");

    private FrameworkErrors() {
    }

    static String message(Throwable cause, int status, long maxRequestBytes) {
        if (cause instanceof NotAllowedException e) {
            return "method not allowed here; allowed: " + sorted(e.getAllowedMethods());
        }
        if (cause instanceof UnsupportedMediaException e) {
            return "unsupported Content-Type; this route accepts: " + sorted(e.getAcceptableContentTypes());
        }
        if (cause instanceof NotAcceptableException e) {
            return "none of the accepted media types can be produced; available: " + sorted(e.getProduceableContentTypes());
        }
        if (cause instanceof ContentLengthExceededException) {
            return "the request body is larger than the limit of " + maxRequestBytes + " bytes";
        }
        if (cause instanceof URISyntaxException) {
            return "malformed request target";
        }
        if (cause instanceof UnsatisfiedArgumentException e) {
            return isBody(e.getArgument()) ? "a request body is required" : "missing " + e.getArgument().getName();
        }
        if (cause instanceof ConversionErrorException e) {
            JsonProcessingException json = jsonCause(e);
            if (json != null || isBody(e.getArgument())) {
                return body(json);
            }
            return "invalid value for " + e.getArgument().getName();
        }
        JsonProcessingException json = jsonCause(cause);
        if (status == 400 && (json != null || cause instanceof JsonSyntaxException)) {
            return body(json);
        }
        return BY_STATUS.getOrDefault(status, status >= 500 ? BY_STATUS.get(500) : "the request was refused");
    }

    private static boolean isBody(Argument<?> argument) {
        return argument.getAnnotationMetadata().hasAnnotation(Body.class);
    }

    /** What is wrong with a JSON body: where the syntax breaks, or which field has the wrong type. */
    private static String body(JsonProcessingException json) {
        if (json instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return "invalid request body: " + path(mismatch) + " must be " + jsonType(mismatch.getTargetType());
        }
        if (json instanceof MismatchedInputException mismatch) {
            return "invalid request body: expected a JSON " + jsonType(mismatch.getTargetType());
        }
        if (json instanceof JsonMappingException) {
            return "invalid request body: the JSON does not have the expected fields";
        }
        JsonLocation at = json == null ? null : json.getLocation();
        return at == null ? "the request body is not valid JSON"
                : "the request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static String path(MismatchedInputException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "the body" : out.toString();
    }

    /** The JSON type a Java target type is read from, so no Java name reaches the caller. */
    private static String jsonType(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static JsonProcessingException jsonCause(Throwable t) {
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private static String sorted(Collection<String> values) {
        return String.join(", ", new TreeSet<>(values == null ? Set.of() : values));
    }
}
