package io.periscope.server.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.periscope.discovery.view.CatalogView;
import io.periscope.events.catalog.TemplateRule;
import io.periscope.server.api.ApiError;
import io.periscope.server.api.InvalidParameterException;
import io.periscope.server.api.QueryParameters;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.auth.Principal;
import io.periscope.server.roles.ApiRoleEnabled;
import java.util.Map;

/**
 * Template override rules of a service: merge sibling paths into one template, or keep literal segments
 * apart. Operators may change them; the discovery task owning the service applies them.
 */
@Controller("/api/v1/services/{service}/rules")
@Requires(condition = ApiRoleEnabled.class)
public class RulesController {
    static final int MAX_PATTERN = 500;
    private static final Map<String, TemplateRule.Action> ACTIONS = Map.of(
            "merge", TemplateRule.Action.MERGE, "split", TemplateRule.Action.SPLIT);

    private final CatalogView view;

    public RulesController(CatalogView view) {
        this.view = view;
    }

    /** A new rule: {@code action} merge or split, {@code method} optional (all methods), {@code pattern} like /users/{id}. */
    public record NewRule(String action, @Nullable String method, String pattern) {
    }

    @Get
    public CatalogController.Items<TemplateRule> list(@PathVariable String service) {
        return new CatalogController.Items<>(view.rules(service));
    }

    @Post
    @Allowed(AccessRole.OPERATOR)
    public HttpResponse<?> add(@PathVariable String service, @Nullable @Body NewRule body,
                               @RequestAttribute(Principal.ATTRIBUTE) Principal principal) throws InterruptedException {
        if (body == null) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "a JSON body {action, method, pattern} is required");
        }
        if (service.indexOf('|') < 1 || service.length() > QueryParameters.MAX_TEXT) {
            throw new InvalidParameterException("service", "expected a service key session|host");
        }
        if (body.action() == null) {
            throw new InvalidParameterException("action", "required: merge or split");
        }
        TemplateRule.Action action = QueryParameters.choice("action", body.action(), ACTIONS, null);
        if (body.pattern() == null || body.pattern().isBlank() || body.pattern().length() > MAX_PATTERN) {
            throw new InvalidParameterException("pattern", "required, a path such as /users/{id}, at most " + MAX_PATTERN + " characters");
        }
        String method = QueryParameters.method(body.method());
        try {
            TemplateRule rule = view.addRule(service, action, method, body.pattern(), principal.tokenName());
            return HttpResponse.created(rule);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("pattern", e.getMessage());
        }
    }

    @Delete("/{ruleId}")
    @Allowed(AccessRole.OPERATOR)
    public HttpResponse<?> remove(@PathVariable String service, @PathVariable String ruleId) throws InterruptedException {
        return view.removeRule(service, ruleId) ? HttpResponse.noContent()
                : ApiError.response(HttpStatus.NOT_FOUND, "service " + service + " has no rule " + ruleId);
    }
}
