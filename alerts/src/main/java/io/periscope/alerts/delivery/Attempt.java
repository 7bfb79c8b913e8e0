package io.periscope.alerts.delivery;

/**
 * The end of one attempt to send one alert.
 *
 * @param webhookId the alert's webhook id
 * @param result  how it ended
 * @param answer  the receiver's answer, null when there was none
 * @param error   why there was no answer or why it was refused, null otherwise
 */
public record Attempt(String webhookId, DeliveryResult result, HttpAnswer answer, String error) {

    public int status() {
        return answer == null ? 0 : answer.status();
    }

    public long latencyMillis() {
        return answer == null ? 0 : answer.latencyMillis();
    }
}
