package io.periscope.server.enforcement;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.periscope.enforcement.Enforcer;
import io.periscope.enforcement.block.ManualBlocks;
import io.periscope.events.enforcement.AllowlistEntry;
import io.periscope.events.enforcement.AuditEntry;
import io.periscope.events.enforcement.BlockRecord;
import io.periscope.server.api.ApiError;
import io.periscope.server.api.InvalidParameterException;
import io.periscope.server.api.QueryParameters;
import io.periscope.server.auth.AccessRole;
import io.periscope.server.auth.Allowed;
import io.periscope.server.auth.Principal;
import io.periscope.server.roles.ApiRoleEnabled;
import io.periscope.server.roles.Roles;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Blocks, their audit trail and the allowlist. Reading needs a viewer; blocking, unblocking and the allowlist need an
 * admin (a block denies real traffic). Every change is audited by the enforcement stage with the admin's token name.
 * The routes answer 503 in a process that does not run the enforcement role.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(condition = ApiRoleEnabled.class)
public class EnforcementController {
    static final int MAX_REASON = 500;
    static final int MAX_TARGET = 64;
    /** Manual block durations: a number and a unit, m, h or d (no unit means no expiry). */
    private static final long MAX_TTL_DAYS = 365;

    private final Roles roles;

    public EnforcementController(Roles roles) {
        this.roles = roles;
    }

    /** A manual block: {@code target} an address or CIDR, {@code reason}, {@code ttl} like {@code 6h} (optional). */
    public record NewBlock(String target, String reason, @Nullable String ttl) {
    }

    /** An unblock: why. */
    public record Unblock(String reason) {
    }

    /** An allowlist entry: a CIDR and why. */
    public record NewAllowlistEntry(String cidr, @Nullable String note) {
    }

    /**
     * @param mode  {@code off}, {@code dry-run} or {@code enforce}
     * @param items the blocks, newest first
     */
    public record BlockList(String mode, List<BlockRecord> items, int total) {
    }

    public record AuditList(List<AuditEntry> items) {
    }

    public record Allowlist(List<AllowlistEntry> items) {
    }

    @Get("/blocks")
    public HttpResponse<?> list(@Nullable @QueryValue String state, @Nullable @QueryValue String limit) {
        return withEnforcer(enforcer -> {
            int max = QueryParameters.limit(limit, 200, 1_000);
            List<BlockRecord> all = enforcer.blocks().stream()
                    .filter(b -> state == null || state.isEmpty() || b.state().name().equalsIgnoreCase(state)).toList();
            return HttpResponse.ok(new BlockList(enforcer.mode().name().toLowerCase().replace('_', '-'),
                    all.subList(0, Math.min(max, all.size())), all.size()));
        });
    }

    @Get("/blocks/{id}")
    public HttpResponse<?> get(@PathVariable String id) {
        return withEnforcer(enforcer -> enforcer.block(id).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> ApiError.response(HttpStatus.NOT_FOUND, "no block " + id)));
    }

    @Post("/blocks")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> block(@Nullable @Body NewBlock body, @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        if (body == null) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "a JSON body {target, reason, ttl} is required");
        }
        if (body.target() == null || body.target().isBlank() || body.target().length() > MAX_TARGET) {
            throw new InvalidParameterException("target", "required: an IP address or CIDR");
        }
        String reason = reason(body.reason());
        Duration ttl = ttl(body.ttl());
        return withEnforcer(enforcer -> {
            ManualBlocks.Result result = enforcer.blockManually(body.target().trim(), reason, principal.tokenName(), ttl);
            return result.blocked() ? HttpResponse.created(result.record())
                    : ApiError.response(HttpStatus.UNPROCESSABLE_ENTITY, "refused: " + result.refusal());
        });
    }

    @Post("/blocks/{id}/unblock")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> unblock(@PathVariable String id, @Nullable @Body Unblock body,
                                   @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        String reason = reason(body == null ? null : body.reason());
        return withEnforcer(enforcer -> enforcer.unblock(id, reason, principal.tokenName()).<HttpResponse<?>>map(HttpResponse::ok)
                .orElseGet(() -> ApiError.response(HttpStatus.NOT_FOUND, "no block " + id)));
    }

    @Get("/enforcement/audit")
    public HttpResponse<?> audit(@Nullable @QueryValue String target, @Nullable @QueryValue String limit) {
        int max = QueryParameters.limit(limit, 100, 1_000);
        String filter = target == null || target.isEmpty() ? null : QueryParameters.text("target", target);
        return withEnforcer(enforcer -> HttpResponse.ok(new AuditList(enforcer.audit(max, filter))));
    }

    @Get("/enforcement/allowlist")
    public HttpResponse<?> allowlist() {
        return withEnforcer(enforcer -> HttpResponse.ok(new Allowlist(enforcer.allowlist().stream()
                .sorted(Comparator.comparing(AllowlistEntry::cidr)).toList())));
    }

    @Post("/enforcement/allowlist")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> allow(@Nullable @Body NewAllowlistEntry body,
                                 @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        if (body == null || body.cidr() == null || body.cidr().length() > MAX_TARGET) {
            throw new InvalidParameterException("cidr", "required: an IP address or CIDR");
        }
        String note = body.note() == null ? "" : body.note();
        if (note.length() > MAX_REASON) {
            throw new InvalidParameterException("note", "at most " + MAX_REASON + " characters");
        }
        return withEnforcer(enforcer -> enforcer.allow(body.cidr().trim(), note, principal.tokenName())
                .<HttpResponse<?>>map(HttpResponse::created)
                .orElseThrow(() -> new InvalidParameterException("cidr", "not an IP address or CIDR")));
    }

    @Delete("/enforcement/allowlist")
    @Allowed(AccessRole.ADMIN)
    public HttpResponse<?> disallow(@Nullable @QueryValue String cidr,
                                    @RequestAttribute(Principal.ATTRIBUTE) Principal principal) {
        if (cidr == null || cidr.isEmpty() || cidr.length() > MAX_TARGET) {
            throw new InvalidParameterException("cidr", "required: the CIDR to remove");
        }
        return withEnforcer(enforcer -> enforcer.disallow(cidr, principal.tokenName()) ? HttpResponse.noContent()
                : ApiError.response(HttpStatus.NOT_FOUND, "no allowlist entry " + cidr));
    }

    private HttpResponse<?> withEnforcer(Function<Enforcer, HttpResponse<?>> action) {
        Optional<Enforcer> enforcer = roles.enforcer();
        return enforcer.<HttpResponse<?>>map(action)
                .orElseGet(() -> ApiError.response(HttpStatus.SERVICE_UNAVAILABLE,
                        "the enforcement role does not run in this process"));
    }

    private static String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new InvalidParameterException("reason", "required, at most " + MAX_REASON + " characters");
        }
        return reason.trim();
    }

    /** {@code 30m}, {@code 6h}, {@code 7d}; empty or absent: until unblocked. */
    static Duration ttl(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        char unit = s.charAt(s.length() - 1);
        String digits = s.substring(0, s.length() - 1);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            throw new InvalidParameterException("ttl", "a number and a unit: 30m, 6h or 7d");
        }
        long n = Long.parseLong(digits);
        Duration ttl = switch (unit) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new InvalidParameterException("ttl", "a number and a unit: 30m, 6h or 7d");
        };
        if (ttl.isZero() || ttl.compareTo(Duration.ofDays(MAX_TTL_DAYS)) > 0) {
            throw new InvalidParameterException("ttl", "between 1m and " + MAX_TTL_DAYS + "d");
        }
        return ttl;
    }
}
