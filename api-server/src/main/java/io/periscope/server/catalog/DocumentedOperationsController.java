package io.periscope.server.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.periscope.discovery.openapi.DocumentedOperations;
import io.periscope.discovery.openapi.SpecImportException;
import io.periscope.discovery.openapi.SpecImporter;
import io.periscope.discovery.view.CatalogReadModel;
import io.periscope.discovery.view.TemplateRuleWriter;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.events.catalog.TemplateRuleSet;
import io.periscope.server.api.ApiError;
import io.periscope.server.api.InvalidParameterException;
import io.periscope.server.api.QueryParameters;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.auth.Principal;
import io.periscope.server.config.PeriscopeSettings;
import io.periscope.server.roles.ApiRoleEnabled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/services/{service}/rules/documented}: an API document vouches for its operations. Each documented
 * operation becomes a MERGE rule of the service (method and path pattern, the document's server path prefixed), so a
 * documented path enters the catalog with the document's template even if it only ever answered "not found", instead
 * of being kept apart as a probed path. Importing the same document again adds nothing.
 *
 * <p>The document is parsed on the bounded {@link SpecWorkers} (size, depth and time limits as for the diff, nothing it
 * references is fetched); the rule write blocks on Kafka, so the route runs on the blocking pool, never the event
 * loop. The rules obey the per-service rule limit (422 beyond it) and can be removed one by one like any other rule.
 */
@Controller("/api/v1/services/{service}/rules/documented")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(condition = ApiRoleEnabled.class)
public class DocumentedOperationsController {

    /** What an import did. */
    public record Vouched(int documented, int added, long version) {
    }

    private final CatalogReadModel readModel;
    private final SpecImporter importer;
    private final SpecWorkers workers;
    private final TemplateRuleWriter writer;
    private final int maxSpecBytes;

    public DocumentedOperationsController(CatalogReadModel readModel, SpecImporter importer, SpecWorkers workers,
                                          TemplateRuleWriter writer, PeriscopeSettings settings) {
        this.readModel = readModel;
        this.importer = importer;
        this.workers = workers;
        this.writer = writer;
        this.maxSpecBytes = settings.api().maxSpecBytes();
    }

    @Post
    @Allowed(AccessRole.OPERATOR)
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public HttpResponse<?> vouch(@PathVariable String service, @Body byte[] document,
                                 @RequestAttribute(Principal.ATTRIBUTE) Principal principal) throws InterruptedException {
        if (document.length > maxSpecBytes) {
            return ApiError.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                    "the document is " + document.length + " bytes; the limit is " + maxSpecBytes + " bytes");
        }
        // a service not seen yet is fine: its document may vouch for its paths before traffic arrives
        if (service.indexOf('|') < 1 || service.length() > QueryParameters.MAX_TEXT) {
            throw new InvalidParameterException("service", "expected a service key session|host");
        }
        List<DocumentedOperations.Operation> operations;
        try {
            operations = workers.submit(() -> DocumentedOperations.of(importer.parse(utf8(document)))).get();
        } catch (RejectedExecutionException e) {
            return unavailable("every spec worker is busy");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
        List<Map.Entry<String, String>> rules = operations.stream()
                .map(o -> (Map.Entry<String, String>) new AbstractMap.SimpleImmutableEntry<>(o.method(), o.pattern()))
                .toList();
        TemplateRuleSet before = readModel.index().ruleSet(service);
        TemplateRuleSet after;
        try {
            after = writer.addRules(service, TemplateRule.Action.MERGE, rules, "document by " + principal.tokenName(),
                    OptionalLong.empty()).orElse(before);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("document", "a documented path is not a usable pattern: " + e.getMessage());
        }
        int added = Math.max(0, after.rules().size() - before.rules().size());
        return HttpResponse.ok(new Vouched(operations.size(), added, after.version()))
                .header("ETag", RulesController.etag(after.version()));
    }

    private static String utf8(byte[] document) throws SpecImportException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw new SpecImportException("the document is not UTF-8 text");
        }
    }

    private HttpResponse<?> failure(Throwable cause) {
        if (cause instanceof SpecImportException e) {
            return switch (e.reason()) {
                case TOO_LARGE -> ApiError.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
                case INVALID, BOUND_EXCEEDED -> ApiError.response(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
                case CANCELLED -> unavailable("the import was stopped at the time limit");
            };
        }
        if (cause instanceof TimeoutException) {
            return unavailable("the import did not finish within the time limit");
        }
        return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR, "the import failed");
    }

    private HttpResponse<?> unavailable(String why) {
        long seconds = Math.max(1, workers.retryAfter().toSeconds());
        return ApiError.response(HttpStatus.SERVICE_UNAVAILABLE, why + "; try again in " + seconds + " s")
                .header("Retry-After", Long.toString(seconds));
    }
}
