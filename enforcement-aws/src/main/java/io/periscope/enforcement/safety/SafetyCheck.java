package io.periscope.enforcement.safety;

/**
 * The answer of {@link BlockSafety}: the canonical CIDR to block, or the refusal.
 *
 * @param cidr    canonical CIDR ({@code 203.0.113.7/32}), null when refused
 * @param refusal why not, null when allowed
 */
public record SafetyCheck(String cidr, SafetyRefusal refusal) {

    public boolean allowed() {
        return refusal == null;
    }

    static SafetyCheck allow(String cidr) {
        return new SafetyCheck(cidr, null);
    }

    static SafetyCheck refuse(SafetyRefusal refusal) {
        return new SafetyCheck(null, refusal);
    }
}
