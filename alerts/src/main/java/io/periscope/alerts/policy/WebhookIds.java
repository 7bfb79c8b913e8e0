package io.periscope.alerts.policy;

/**
 * Webhook ids: stable per event version, so every retry and every redelivery of one version carries the same id and a
 * receiver can drop the second copy. Only {@code [A-Za-z0-9_-]}: the signed content is {@code id.timestamp.body}, so
 * the id must not hold a dot, and it travels in a header.
 */
public final class WebhookIds {
    private static final int MAX_PART = 100;

    private WebhookIds() {
    }

    public static String incident(String incidentId, long version) {
        return "msg_inc_" + safe(incidentId) + "_v" + version;
    }

    public static String change(String changeId) {
        return "msg_chg_" + safe(changeId);
    }

    public static String finding(String findingId) {
        return "msg_fnd_" + safe(findingId);
    }

    public static String enforcement(String findingId) {
        return "msg_enf_" + safe(findingId);
    }

    public static String digest(long windowStartMillis, String firstIncidentId) {
        return "msg_dig_" + windowStartMillis + "_" + safe(firstIncidentId);
    }

    static String safe(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_PART));
        for (int i = 0; i < s.length() && b.length() < MAX_PART; i++) {
            char c = s.charAt(i);
            b.append(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' ? c : '-');
        }
        return b.toString();
    }
}
