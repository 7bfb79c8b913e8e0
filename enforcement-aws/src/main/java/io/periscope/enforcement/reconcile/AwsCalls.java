package io.periscope.enforcement.reconcile;

import io.periscope.enforcement.audit.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS operation (a whole read-merge-write, so a retry after an optimistic-lock failure re-reads) with
 * {@link Backoff}, counts errors by code ({@code periscope.enforcement.aws.errors}) and audits mutating calls and every
 * failure. Successful reads are only counted: a reconcile round reads every few seconds.
 */
public final class AwsCalls {
    private final Backoff backoff;
    private final AuditLog audit;
    private final MeterRegistry meters;

    public AwsCalls(Backoff backoff, AuditLog audit, MeterRegistry meters) {
        this.backoff = backoff;
        this.audit = audit;
        this.meters = meters;
    }

    /**
     * @param resource  the IP set, API or key concerned (audit key)
     * @param operation a name for the whole unit ({@code UpdateIPSet}, ...)
     */
    public <T> T run(String resource, String operation, Supplier<T> call) throws PointUnavailableException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                T result = call.get();
                meters.counter("periscope.enforcement.aws.calls", "operation", operation, "outcome", "ok").increment();
                return result;
            } catch (SdkException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted during " + operation);
                }
                String code = AwsErrors.code(e);
                meters.counter("periscope.enforcement.aws.errors", "operation", operation, "code", code).increment();
                boolean retry = AwsErrors.retryable(e) && attempt + 1 < backoff.attempts();
                audit.awsCall(resource, operation, code, retry ? "retrying (attempt " + (attempt + 1) + ")"
                        : "giving up this round; the block records keep the change for the next");
                if (!retry) {
                    throw new PointUnavailableException(resource, code, e);
                }
                backoff.pause(attempt);
            }
        }
    }

    /** Audits a successful mutation. */
    public void mutated(String resource, String operation, String detail) {
        audit.awsCall(resource, operation, "ok", detail);
    }
}
