package io.periscope.alerts.destination;

/** The body a destination receives. */
public enum AlertFormat {
    /** Periscope's own versioned JSON event (schema in docs/alerts.md). */
    PERISCOPE_JSON,
    /** A Slack incoming-webhook message in Block Kit. */
    SLACK,
    /** An OCSF 1.x Detection Finding (class 2004), for SIEMs. */
    OCSF,
    /** A PagerDuty Events API v2 trigger or resolve; the routing key comes from the destination. */
    PAGERDUTY
}
