package io.periscope.alerts.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.periscope.alerts.outbox.OutboxEntry;

/** Renders an alert as one destination format's JSON body. */
public interface AlertFormatter {

    /**
     * @param routingKey the destination's PagerDuty routing key, null for other formats
     * @param sentAtMillis when this attempt is made
     */
    ObjectNode render(OutboxEntry entry, String routingKey, long sentAtMillis);
}
