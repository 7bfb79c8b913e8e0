package io.periscope.alerts.destination;

import io.periscope.alerts.safety.DestinationGuard;
import io.periscope.alerts.safety.RefusedDestinationException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks a destination passes before it is stored: bounded sizes, a URL the guard accepts, header names that are
 * HTTP tokens and do not override what Periscope sets (signature, length, host), values without line breaks.
 */
public final class DestinationRules {
    static final int MAX_NAME = 200;
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 2048;
    static final int MAX_SERVICES = 200;
    static final int MAX_ROUTING_KEY = 128;
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "transfer-encoding",
            "connection", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature");

    private final DestinationGuard guard;

    public DestinationRules(DestinationGuard guard) {
        this.guard = guard;
    }

    /** Throws IllegalArgumentException with a message fit for the API caller (it never quotes header values). */
    public void check(DestinationDraft draft) {
        if (draft.name() == null || draft.name().isBlank() || draft.name().length() > MAX_NAME) {
            throw new IllegalArgumentException("name is required, at most " + MAX_NAME + " characters");
        }
        if (draft.format() == null) {
            throw new IllegalArgumentException("format is required: PERISCOPE_JSON, SLACK, OCSF or PAGERDUTY");
        }
        try {
            guard.checkUrl(draft.url());
        } catch (RefusedDestinationException e) {
            throw new IllegalArgumentException("url: " + e.getMessage(), e);
        }
        Map<String, String> headers = draft.headers() == null ? Map.of() : draft.headers();
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("at most " + MAX_HEADERS + " extra headers");
        }
        headers.forEach((name, value) -> {
            if (!isToken(name) || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header name \"" + shortened(name) + "\" is not allowed");
            }
            if (value == null || value.length() > MAX_HEADER_VALUE || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException("the value of header " + name + " is not allowed (control characters or too long)");
            }
        });
        if (draft.services() != null && draft.services().size() > MAX_SERVICES) {
            throw new IllegalArgumentException("at most " + MAX_SERVICES + " services");
        }
        if (draft.routingKey() != null && (draft.routingKey().length() > MAX_ROUTING_KEY || !isToken(draft.routingKey()))) {
            throw new IllegalArgumentException("routingKey must be at most " + MAX_ROUTING_KEY + " token characters");
        }
    }

    private static String shortened(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** RFC 9110 §5.6.2 token characters, at most 100. */
    private static boolean isToken(String s) {
        if (s == null || s.isEmpty() || s.length() > 100) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
