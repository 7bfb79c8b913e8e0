package io.periscope.alerts;

import io.periscope.alerts.delivery.DeliverySettings;
import io.periscope.alerts.delivery.TrustStore;
import io.periscope.alerts.destination.DeclaredDestination;
import io.periscope.alerts.safety.Cidr;
import java.time.Duration;
import java.util.List;

/**
 * Everything the alerting stage needs (keys {@code periscope.alerts.*}, read and validated by the server).
 *
 * @param externalBaseUrl   the UI's address as receivers reach it; every message links to it
 * @param allowHttp         accept http:// destinations (local receivers); https only otherwise
 * @param allowedCidrs      address blocks an admin allows despite being private, loopback or link-local
 * @param secretKey         32 bytes sealing the signing secrets on the destinations topic; the same in every process
 * @param rotationGrace     how long a rotated-out secret keeps signing
 * @param digestThreshold   opened incidents per window alerted one by one; the rest go into a digest
 * @param digestWindow      the storm window (one minute)
 * @param connectTimeout    connect timeout of a delivery
 * @param readTimeout       read timeout of a delivery
 * @param maxResponseBytes  response body bytes read and kept (delivery log, test route)
 * @param delivery          queues, breaker, retry
 * @param declared          destinations declared in configuration
 * @param trustStore        certificate authorities trusted besides the JVM's, for receivers behind a private CA
 */
public record AlertsConfig(String externalBaseUrl, boolean allowHttp, List<Cidr> allowedCidrs, byte[] secretKey,
                           Duration rotationGrace, int digestThreshold, Duration digestWindow, Duration connectTimeout,
                           Duration readTimeout, int maxResponseBytes, DeliverySettings delivery,
                           List<DeclaredDestination> declared, TrustStore trustStore) {

    /** Only the JVM's certificate authorities. */
    public AlertsConfig(String externalBaseUrl, boolean allowHttp, List<Cidr> allowedCidrs, byte[] secretKey,
                        Duration rotationGrace, int digestThreshold, Duration digestWindow, Duration connectTimeout,
                        Duration readTimeout, int maxResponseBytes, DeliverySettings delivery,
                        List<DeclaredDestination> declared) {
        this(externalBaseUrl, allowHttp, allowedCidrs, secretKey, rotationGrace, digestThreshold, digestWindow,
                connectTimeout, readTimeout, maxResponseBytes, delivery, declared, TrustStore.jvmDefault());
    }

    public AlertsConfig {
        trustStore = trustStore == null ? TrustStore.jvmDefault() : trustStore;
        allowedCidrs = List.copyOf(allowedCidrs);
        secretKey = secretKey.clone();
        declared = List.copyOf(declared);
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "AlertsConfig[" + externalBaseUrl + ", allowHttp " + allowHttp + ", " + declared.size() + " declared]";
    }
}
