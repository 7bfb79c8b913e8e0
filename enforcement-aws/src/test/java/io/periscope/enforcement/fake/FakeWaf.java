package io.periscope.enforcement.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WAFv2 over its real wire protocol ({@code awsJson1_1}, {@code X-Amz-Target: AWSWAF_20190729.<Operation>}), faithful in
 * what enforcement depends on: {@code GetIPSet} returns the addresses and a lock token; {@code UpdateIPSet} replaces the
 * whole list only with the current lock token (else {@code WAFOptimisticLockException}), validates every CIDR against
 * the set's address version ({@code WAFInvalidParameterException}) and the 10,000-address limit
 * ({@code WAFLimitsExceededException}). Outages and throttling can be switched on.
 */
public final class FakeWaf extends FakeHttpServer {
    private static final String TARGET_PREFIX = "AWSWAF_20190729.";
    public static final int LIMIT = 10_000;

    private final Map<String, IpSet> sets = new ConcurrentHashMap<>();
    private volatile boolean outage;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private final AtomicInteger lockFailures = new AtomicInteger();

    private static final class IpSet {
        final String name;
        final String scope;
        final boolean ipv6;
        List<String> addresses = new ArrayList<>();
        String lockToken = UUID.randomUUID().toString();

        IpSet(String name, String scope, boolean ipv6) {
            this.name = name;
            this.scope = scope;
            this.ipv6 = ipv6;
        }
    }

    public void createIpSet(String id, String name, String scope, boolean ipv6, List<String> addresses) {
        IpSet set = new IpSet(name, scope, ipv6);
        set.addresses = new ArrayList<>(addresses);
        sets.put(id, set);
    }

    public List<String> addresses(String id) {
        IpSet set = sets.get(id);
        synchronized (set) {
            return List.copyOf(set.addresses);
        }
    }

    public void outage(boolean on) {
        outage = on;
    }

    public void throttleNext(int calls) {
        throttleNext.set(calls);
    }

    public int requests() {
        return requests.get();
    }

    public int updates() {
        return updates.get();
    }

    public int lockFailures() {
        return lockFailures.get();
    }

    @Override
    protected void handle(HttpExchange exchange, String body) throws IOException {
        requests.incrementAndGet();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            error(exchange, 400, "UnknownOperationException", "not a WAFv2 call");
            return;
        }
        if (outage) {
            error(exchange, 503, "WAFInternalErrorException", "the service is unavailable");
            return;
        }
        if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            error(exchange, 400, "ThrottlingException", "Rate exceeded");
            return;
        }
        JsonNode request = JSON.readTree(body);
        IpSet set = sets.get(request.path("Id").asText());
        if (set == null || !set.name.equals(request.path("Name").asText()) || !set.scope.equals(request.path("Scope").asText())) {
            error(exchange, 400, "WAFNonexistentItemException", "no such IP set");
            return;
        }
        switch (target.substring(TARGET_PREFIX.length())) {
            case "GetIPSet" -> getIpSet(exchange, request, set);
            case "UpdateIPSet" -> updateIpSet(exchange, request, set);
            default -> error(exchange, 400, "UnknownOperationException", "not faked");
        }
    }

    private void getIpSet(HttpExchange exchange, JsonNode request, IpSet set) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        ObjectNode ipSet = response.putObject("IPSet");
        synchronized (set) {
            ipSet.put("Name", set.name);
            ipSet.put("Id", request.path("Id").asText());
            ipSet.put("ARN", "arn:aws:wafv2:us-east-1:123456789012:regional/ipset/" + set.name + "/" + request.path("Id").asText());
            ipSet.put("IPAddressVersion", set.ipv6 ? "IPV6" : "IPV4");
            ArrayNode addresses = ipSet.putArray("Addresses");
            set.addresses.forEach(addresses::add);
            response.put("LockToken", set.lockToken);
        }
        respond(exchange, 200, Map.of("Content-Type", "application/x-amz-json-1.1"), JSON.writeValueAsString(response));
    }

    private void updateIpSet(HttpExchange exchange, JsonNode request, IpSet set) throws IOException {
        List<String> addresses = new ArrayList<>();
        request.path("Addresses").forEach(a -> addresses.add(a.asText()));
        for (String address : addresses) {
            IPAddress parsed = new IPAddressString(address).getAddress();
            if (parsed == null || parsed.getNetworkPrefixLength() == null || parsed.isIPv6() != set.ipv6) {
                error(exchange, 400, "WAFInvalidParameterException", "invalid CIDR " + address);
                return;
            }
        }
        if (addresses.size() > LIMIT) {
            error(exchange, 400, "WAFLimitsExceededException", "too many addresses");
            return;
        }
        String next;
        synchronized (set) {
            if (!set.lockToken.equals(request.path("LockToken").asText())) {
                lockFailures.incrementAndGet();
                next = null;
            } else {
                set.addresses = addresses;
                set.lockToken = UUID.randomUUID().toString();
                next = set.lockToken;
                updates.incrementAndGet();
            }
        }
        if (next == null) {
            error(exchange, 400, "WAFOptimisticLockException", "the lock token is stale");
            return;
        }
        respond(exchange, 200, Map.of("Content-Type", "application/x-amz-json-1.1"), "{\"NextLockToken\":\"" + next + "\"}");
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        respond(exchange, status, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", type),
                "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }
}
