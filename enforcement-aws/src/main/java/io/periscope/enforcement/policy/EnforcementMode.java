package io.periscope.enforcement.policy;

/** How far enforcement goes ({@code periscope.enforcement.mode}). */
public enum EnforcementMode {
    /** Nothing: incidents are not read. */
    OFF,
    /** Decide, record and audit every block, touch nothing in AWS (the default: see what would happen first). */
    DRY_RUN,
    /** Decide, record, audit and apply to AWS. */
    ENFORCE;

    /** Parses {@code off}, {@code dry-run} or {@code enforce}. */
    public static EnforcementMode parse(String s) {
        return valueOf(s.trim().toUpperCase().replace('-', '_'));
    }
}
