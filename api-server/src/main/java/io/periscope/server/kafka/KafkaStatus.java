package io.periscope.server.kafka;

/**
 * Kafka as seen from this process, for the detailed health (GET /api/v1/health).
 *
 * @param reachable     the cluster answered within the timeout
 * @param embedded      the broker runs inside this process
 * @param bootstrap     the bootstrap servers used
 * @param clusterId     the cluster's id, when reachable
 * @param brokers       brokers the cluster reported
 * @param missingTopics Periscope topics that do not exist (-1 when unknown)
 * @param error         why it is unreachable, else null
 */
public record KafkaStatus(boolean reachable, boolean embedded, String bootstrap, String clusterId, int brokers,
                          int missingTopics, String error) {
}
