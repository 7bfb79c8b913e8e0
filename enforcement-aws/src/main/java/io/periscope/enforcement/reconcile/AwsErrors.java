package io.periscope.enforcement.reconcile;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How enforcement reads an AWS failure: its code (the metric tag and the audit outcome) and whether trying again can
 * help. Optimistic-lock failures, throttling, limits (an expiry may free room), conflicts, server errors and network
 * failures are retryable; a validation or permission error is not, though the block records still keep it for the
 * next round.
 */
public enum AwsErrors {
    ;

    private static final Set<String> RETRYABLE = Set.of(
            "WAFOptimisticLockException", "WAFLimitsExceededException", "WAFInternalErrorException",
            "WAFUnavailableEntityException", "ThrottlingException", "TooManyRequestsException", "ConflictException",
            "ServiceUnavailableException", "RequestLimitExceeded", "Throttling");

    /** The error code: the service's for a service error, {@code ClientError} for a network or client failure. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        if (e instanceof AwsServiceException service) {
            return "HTTP" + service.statusCode();
        }
        return "ClientError";
    }

    public static boolean retryable(SdkException e) {
        if (e instanceof SdkClientException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || RETRYABLE.contains(code(e));
        }
        return false;
    }
}
