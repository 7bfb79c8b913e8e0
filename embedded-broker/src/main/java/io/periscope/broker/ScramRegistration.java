package io.periscope.broker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * Registers the install's SCRAM credential in the metadata of a broker whose storage already
 * exists: one formatted before the broker required authentication, or whose credentials file was
 * deleted to change the password. New storage gets the credential at format time instead.
 *
 * <p>Nobody can log in with SCRAM before the credential is registered, and the Admin client does
 * not send credential changes to a KRaft controller directly; so the registration runs against a
 * short-lived start of the broker that also accepts the same credentials over PLAIN (checked against
 * the broker's configuration). The broker applies the new credential a moment after the controller
 * commits it; {@link #register} returns once a SCRAM client is let in.
 */
final class ScramRegistration {
    private static final int ITERATIONS = 4096;
    private static final long RETRY_PAUSE_MS = 100;

    private ScramRegistration() {
    }

    /**
     * Whether a SCRAM client with these properties is let in.
     *
     * @throws IllegalStateException when the broker does not answer at all within {@code timeout}
     */
    static boolean accepts(Map<String, Object> scramClient, Duration timeout) {
        try (Admin admin = Admin.create(scramClient)) {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw new IllegalStateException("the embedded broker does not answer: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the embedded broker does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the embedded broker's credentials", e);
        }
    }

    static void register(Map<String, Object> plainClient, Map<String, Object> scramClient, BrokerCredentials credentials,
                         Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(plainClient)) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(credentials.username(),
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), credentials.password())))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot register the Kafka client credentials with the embedded broker: "
                    + e.getMessage(), e);
        }
        while (!acceptsNow(scramClient)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded broker did not accept the registered credentials in time");
            }
            Thread.sleep(RETRY_PAUSE_MS); // the broker applies the controller's record within moments
        }
    }

    private static boolean acceptsNow(Map<String, Object> scramClient) {
        try {
            return accepts(scramClient, Duration.ofSeconds(5));
        } catch (IllegalStateException e) {
            return false;
        }
    }
}
