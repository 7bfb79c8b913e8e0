package io.periscope.detection.intake;

/**
 * Counters of the detection intake.
 *
 * @param consumed           exchanges read and handled
 * @param unreadable         records skipped because they hold no readable exchange (not its JSON, or no value)
 * @param unsupportedVersion records skipped because their schema is newer than this build
 * @param partitions         partitions currently assigned to this process
 * @param lag                records behind the end of the assigned partitions
 */
public record IntakeStats(long consumed, long unreadable, long unsupportedVersion, int partitions, long lag) {
}
