package io.periscope.server.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
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
import io.periscope.server.roles.ApiRoleEnabled;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Template override rules of a service: merge sibling paths into one template, or keep literal segments
 * apart. Operators may change them; the discovery task owning the service applies them.
 *
 * <p>Changes are atomic compare-and-set writes of the service's rule set (see {@link TemplateRuleWriter}): the list
 * carries the set's version as its {@code ETag}; a change with {@code If-Match} is made only on that version
 * (else 412), and a change without it is applied to whatever is current. Writes block on Kafka, so they run
 * on the blocking pool, not the event loop.
 */
@Controller("/api/v1/services/{service}/rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(condition = ApiRoleEnabled.class)
public class RulesController {
    static final int MAX_PATTERN = 500;
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,18}");
    private static final Map<String, TemplateRule.Action> ACTIONS = Map.of(
            "merge", TemplateRule.Action.MERGE, "split", TemplateRule.Action.SPLIT);

    private final CatalogReadModel readModel;
    private final TemplateRuleWriter writer;

    public RulesController(CatalogReadModel readModel, TemplateRuleWriter writer) {
        this.readModel = readModel;
        this.writer = writer;
    }

    /** A new rule: {@code action} merge or split, {@code method} optional (all methods), {@code pattern} like /users/{id}. */
    public record NewRule(String action, @Nullable String method, String pattern) {
    }

    /**
     * The rules of a service and the version of its rule set.
     *
     * @param items   the rules, in the order they were added
     * @param version the rule set's version, also sent as the {@code ETag}; 0 when the service has no rules
     */
    public record RuleList(List<TemplateRule> items, long version) {
    }

    @Get
    public HttpResponse<RuleList> list(@PathVariable String service) {
        TemplateRuleSet set = readModel.index().ruleSet(service);
        return HttpResponse.ok(new RuleList(set.rules(), set.version())).header(HttpHeaders.ETAG, etag(set.version()));
    }

    @Post
    @Allowed(AccessRole.OPERATOR)
    public HttpResponse<?> add(@PathVariable String service, @Nullable @Body NewRule body,
                               @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                               @RequestAttribute(Principal.ATTRIBUTE) Principal principal) throws InterruptedException {
        if (body == null) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "a JSON body {action, method, pattern} is required");
        }
        checkService(service);
        // an empty action is as absent as a missing one (QueryParameters.choice would give the null default)
        if (body.action() == null || body.action().isEmpty()) {
            throw new InvalidParameterException("action", "required: merge or split");
        }
        TemplateRule.Action action = QueryParameters.choice("action", body.action(), ACTIONS, null);
        if (body.pattern() == null || body.pattern().isBlank() || body.pattern().length() > MAX_PATTERN) {
            throw new InvalidParameterException("pattern", "required, a path such as /users/{id}, at most " + MAX_PATTERN + " characters");
        }
        String method = QueryParameters.method(body.method());
        OptionalLong expected = expectedVersion(ifMatch);
        TemplateRuleSet written;
        try {
            written = writer.addRule(service, action, method, body.pattern(), principal.tokenName(), expected);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("pattern", e.getMessage());
        }
        TemplateRule rule = written.rules().get(written.rules().size() - 1);
        return HttpResponse.created(rule).header(HttpHeaders.ETAG, etag(written.version()));
    }

    @Delete("/{ruleId}")
    @Allowed(AccessRole.OPERATOR)
    public HttpResponse<?> remove(@PathVariable String service, @PathVariable String ruleId,
                                  @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) throws InterruptedException {
        checkService(service);
        Optional<TemplateRuleSet> written = writer.removeRule(service, ruleId, expectedVersion(ifMatch));
        return written.<HttpResponse<?>>map(set -> HttpResponse.noContent().header(HttpHeaders.ETAG, etag(set.version())))
                .orElseGet(() -> ApiError.response(HttpStatus.NOT_FOUND, "service " + service + " has no rule " + ruleId));
    }

    private static void checkService(String service) {
        if (service.indexOf('|') < 1 || service.length() > QueryParameters.MAX_TEXT) {
            throw new InvalidParameterException("service", "expected a service key session|host");
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header names: {@code "7"} (or {@code 7}); absent or {@code *} means any. */
    static OptionalLong expectedVersion(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.strip();
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (!VERSION.matcher(tag).matches()) {
            throw new InvalidParameterException("If-Match", "expected the ETag of the rule list, such as \"7\"");
        }
        return OptionalLong.of(Long.parseLong(tag));
    }
}
