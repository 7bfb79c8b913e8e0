package io.periscope.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.yaml}: the OpenAPI document of this REST API. It is written by hand next to
 * the controllers; a test checks that it lists exactly the routes the server has and that it is valid.
 */
@Controller("/api/v1/openapi.yaml")
public class ApiDocumentController {
    static final String RESOURCE = "/io/periscope/server/api/openapi.yaml";
    private final byte[] document;

    public ApiDocumentController() {
        try (InputStream in = ApiDocumentController.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(MediaType.of("application/yaml"));
    }
}
