package io.periscope.server.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.periscope.discovery.openapi.SpecImportException;
import io.periscope.discovery.view.CatalogView;
import io.periscope.server.api.ApiError;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.roles.ApiRoleEnabled;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The API documents of a service: the observed API exported as OpenAPI, and the diff of a user's document
 * (OpenAPI 3.x or Swagger 2.0, JSON or YAML) with what was observed.
 */
@Controller("/api/v1/services/{service}")
@Requires(condition = ApiRoleEnabled.class)
public class SpecController {
    private final CatalogView view;
    private final int maxSpecBytes;

    public SpecController(CatalogView view, PeriscopeSettings settings) {
        this.view = view;
        this.maxSpecBytes = settings.api().maxSpecBytes();
    }

    @Get("/openapi")
    public HttpResponse<?> export(@PathVariable String service) {
        return view.openApi(service)
                .<HttpResponse<?>>map(doc -> HttpResponse.ok(doc).contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"" + fileName(service) + "\""))
                .orElseGet(() -> unknown(service));
    }

    /**
     * Diffs an uploaded document. It only reads, so a viewer may do it. The body is the document itself;
     * the server's request size limit answers 413 beyond {@code periscope.api.max-spec-bytes}.
     */
    @Post("/spec-diff")
    @Allowed(AccessRole.VIEWER)
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, MediaType.TEXT_PLAIN, MediaType.APPLICATION_YAML, "text/yaml"})
    public HttpResponse<?> diff(@PathVariable String service, @Body byte[] document) {
        if (document.length > maxSpecBytes) {
            return ApiError.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the document is " + document.length + " bytes; the limit is " + maxSpecBytes);
        }
        if (!known(service)) {
            return unknown(service);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "the document is not UTF-8 text");
        }
        try {
            return HttpResponse.ok(view.diff(service, text));
        } catch (SpecImportException e) {
            return ApiError.response(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private boolean known(String service) {
        return view.index().services().stream().anyMatch(s -> s.serviceKey().equals(service));
    }

    static HttpResponse<ApiError> unknown(String service) {
        return ApiError.response(HttpStatus.NOT_FOUND, "no service " + service + " in the catalog");
    }

    /** {@code session|host} as a safe file name: the host, then anything but letters, digits, dots and dashes replaced. */
    static String fileName(String service) {
        String host = service.substring(service.indexOf('|') + 1);
        return host.replaceAll("[^A-Za-z0-9.-]", "_") + "-openapi.json";
    }
}
