package io.periscope.events.series;

import java.util.Optional;

/**
 * The key of a bucket on {@code periscope.series}: {@code <seriesKey>|<RESOLUTION>|<startMicros>}, where the
 * series key is {@code e|<endpointId>} or {@code s|<serviceKey>} (a service key holds a {@code |} itself, so
 * the key is read from its end).
 */
public record BucketKey(String seriesKey, SeriesResolution resolution, long startMicros) {

    @Override
    public String toString() {
        return seriesKey + "|" + resolution.name() + "|" + startMicros;
    }

    /** The key of a bucket in {@code text}, or empty when {@code text} is not one. */
    public static Optional<BucketKey> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int startSep = text.lastIndexOf('|');
        int resolutionSep = startSep <= 0 ? -1 : text.lastIndexOf('|', startSep - 1);
        if (resolutionSep <= 2 || !(text.startsWith("e|") || text.startsWith("s|"))) {
            return Optional.empty();
        }
        try {
            SeriesResolution resolution = SeriesResolution.valueOf(text.substring(resolutionSep + 1, startSep));
            long start = Long.parseLong(text.substring(startSep + 1));
            return Optional.of(new BucketKey(text.substring(0, resolutionSep), resolution, start));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
