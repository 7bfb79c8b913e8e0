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
import io.periscope.discovery.openapi.OpenApiExporter;
import io.periscope.discovery.openapi.SpecDiffer;
import io.periscope.discovery.openapi.SpecImporter;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.events.catalog.EndpointSnapshot;
import io.periscope.server.api.ApiError;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.roles.ApiRoleEnabled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API documents of a service: the observed API exported as OpenAPI, and the diff of a user's document
 * (OpenAPI 3.x or Swagger 2.0, JSON or YAML) with what was observed.
 */
@Controller("/api/v1/services/{service}")
@Requires(condition = ApiRoleEnabled.class)
public class SpecController {
    private static final Logger LOG = LoggerFactory.getLogger(SpecController.class);

    private final CatalogReadModel readModel;
    private final OpenApiExporter exporter;
    private final SpecImporter importer;
    private final SpecDiffer differ;
    private final SpecWorkers workers;
    private final int maxSpecBytes;

    public SpecController(CatalogReadModel readModel, OpenApiExporter exporter, SpecImporter importer, SpecDiffer differ,
                          SpecWorkers workers, PeriscopeSettings settings) {
        this.readModel = readModel;
        this.exporter = exporter;
        this.importer = importer;
        this.differ = differ;
        this.workers = workers;
        this.maxSpecBytes = settings.api().maxSpecBytes();
    }

    @Get("/openapi")
    public HttpResponse<?> export(@PathVariable String service) {
        List<EndpointSnapshot> observed = readModel.index().ofService(service);
        if (observed.isEmpty()) {
            return unknown(service);
        }
        String doc = exporter.toJson(exporter.export(service, observed.get(0).host(), observed));
        return HttpResponse.ok(doc).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"" + fileName(service) + "\"");
    }

    /**
     * Diffs an uploaded document. It only reads, so a viewer may do it. The body is the document itself, JSON or
     * YAML under any of the accepted media types; the server's request size limit answers 413 beyond
     * {@code periscope.api.max-spec-bytes}. The import and diff run on {@link SpecWorkers}, never on the event
     * loop: 422 when the document is invalid or hits a bound, 503 with {@code Retry-After} when the workers are
     * saturated or the time limit passed.
     */
    @Post("/spec-diff")
    @Allowed(AccessRole.VIEWER)
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public CompletableFuture<HttpResponse<?>> diff(@PathVariable String service, @Body byte[] document) {
        if (document.length > maxSpecBytes) {
            return CompletableFuture.completedFuture(tooLarge(document.length + " bytes"));
        }
        if (!known(service)) {
            return CompletableFuture.completedFuture(unknown(service));
        }
        CompletableFuture<HttpResponse<?>> diffed;
        try {
            diffed = workers.submit(() -> HttpResponse.ok(
                    differ.diff(importer.parse(utf8(document)), readModel.index().ofService(service))));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(unavailable("every spec worker is busy"));
        }
        return diffed.exceptionally(this::failure);
    }

    private static String utf8(byte[] document) throws SpecImportException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw new SpecImportException("the document is not UTF-8 text");
        }
    }

    /** The answer for a diff that did not produce a result; never quotes anything but our own messages. */
    private HttpResponse<?> failure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof SpecImportException e) {
            return switch (e.reason()) {
                case TOO_LARGE -> ApiError.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
                case INVALID, BOUND_EXCEEDED -> ApiError.response(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
                case CANCELLED -> unavailable("the diff was stopped at the time limit");
            };
        }
        if (cause instanceof TimeoutException) {
            return unavailable("the diff did not finish within the time limit of " + workers.retryAfter().toSeconds() + " s");
        }
        LOG.warn("spec diff failed unexpectedly ({})", cause.getClass().getSimpleName());
        return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "the diff failed");
    }

    private HttpResponse<?> unavailable(String why) {
        long seconds = Math.max(1, workers.retryAfter().toSeconds());
        return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, why + "; try again in " + seconds + " s")
                .header("Retry-After", Long.toString(seconds));
    }

    private HttpResponse<?> tooLarge(String size) {
        return ApiError.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                "the document is " + size + "; the limit is " + maxSpecBytes + " bytes");
    }

    private boolean known(String service) {
        return readModel.index().services().stream().anyMatch(s -> s.serviceKey().equals(service));
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
