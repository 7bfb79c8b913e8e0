package io.periscope.alerts.delivery;

/** How one attempt ended. */
public enum DeliveryResult {
    /** 2xx. */
    DELIVERED,
    /** 408, 429, 5xx, a timeout or a connection failure: tried again later. */
    RETRY,
    /** Any other answer (4xx, 3xx), or the retry horizon passed: dead-lettered. */
    FAILED,
    /** The guard refused the URL or the address it resolved to: dead-lettered, never sent. */
    REFUSED,
    /** The destination was deleted or disabled before the attempt: dropped. */
    DROPPED;

    /** 2xx succeeds; 408 and 429 are "not now" like 5xx; other statuses will not change by retrying. */
    public static DeliveryResult ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return RETRY;
        }
        return FAILED;
    }
}
