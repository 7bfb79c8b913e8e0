package io.periscope.enforcement.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Periscope's own statement in a REST API resource policy: {@code Deny execute-api:Invoke} when {@code aws:SourceIp} is
 * one of the blocked addresses, under its own {@code Sid}. Every other statement is kept exactly as it was.
 *
 * <p>The policy may hold at most {@code maxChars} characters: when every address does not fit, the newest blocks are
 * kept (the list arrives newest first) and the rest is left to WAF; {@link Result#included()} says which made it.
 */
public final class DenyStatement {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sid;
    private final int maxChars;

    public DenyStatement(String sid, int maxChars) {
        this.sid = sid;
        this.maxChars = maxChars;
    }

    /**
     * @param policy  the policy as a JSON document ("" when it is empty)
     * @param current the addresses Periscope's statement holds now
     * @param included the addresses the new statement holds
     */
    public record Result(String policy, List<String> current, List<String> included) { }

    /** Replaces Periscope's statement in {@code policy} with one for {@code addresses} (newest first). */
    public Result rewrite(String policy, List<String> addresses) {
        ObjectNode document = parse(policy);
        ArrayNode statements = document.withArray("Statement");
        List<String> current = new ArrayList<>();
        for (int i = statements.size() - 1; i >= 0; i--) {
            JsonNode statement = statements.get(i);
            if (sid.equals(statement.path("Sid").asText())) {
                statement.path("Condition").path("IpAddress").path("aws:SourceIp").forEach(a -> current.add(a.asText()));
                statements.remove(i);
            }
        }
        List<String> included = new ArrayList<>(addresses);
        String written = render(document, statements, included);
        while (written.length() > maxChars && !included.isEmpty()) {
            // drop about the overflow at once (each address costs its length plus three characters), then re-check
            int drop = Math.max(1, (written.length() - maxChars) / 20);
            included = new ArrayList<>(included.subList(0, Math.max(0, included.size() - drop)));
            written = render(document, statements, included);
        }
        return new Result(written, current, included);
    }

    private String render(ObjectNode document, ArrayNode others, List<String> addresses) {
        ObjectNode copy = document.deepCopy();
        ArrayNode statements = copy.putArray("Statement");
        statements.addAll(others);
        if (!addresses.isEmpty()) {
            ObjectNode deny = statements.addObject();
            deny.put("Sid", sid);
            deny.put("Effect", "Deny");
            deny.put("Principal", "*");
            deny.put("Action", "execute-api:Invoke");
            deny.put("Resource", "execute-api:/*");
            ArrayNode ips = deny.putObject("Condition").putObject("IpAddress").putArray("aws:SourceIp");
            addresses.forEach(ips::add);
        }
        if (statements.isEmpty()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a policy", e);
        }
    }

    /**
     * Parses a policy. API Gateway returns the policy JSON-escaped ({@code {\"Version\":...}}); both spellings are read.
     * An unreadable policy is refused rather than overwritten: other people's statements must survive.
     */
    static ObjectNode parse(String policy) {
        if (policy == null || policy.isBlank()) {
            ObjectNode empty = JSON.createObjectNode();
            empty.put("Version", "2012-10-17");
            empty.putArray("Statement");
            return empty;
        }
        String text = policy.startsWith("{\\\"") ? policy.replace("\\\"", "\"").replace("\\/", "/") : policy;
        try {
            JsonNode node = JSON.readTree(text);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("the resource policy is not a JSON object");
            }
            JsonNode statement = object.get("Statement");
            if (statement != null && !statement.isArray()) {
                // a single statement object is legal IAM; normalise it to a list so it is kept as it is
                object.putArray("Statement").add(statement);
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the resource policy is not readable JSON", e);
        }
    }
}
