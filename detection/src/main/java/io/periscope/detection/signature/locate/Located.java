package io.periscope.detection.signature.locate;

import java.util.List;
import java.util.Map;

/**
 * The values located in one exchange and what was left unread.
 *
 * @param values the values, in request order: path, query, headers, cookies, body
 * @param capped per reason, how many times a limit cut the reading short (empty when the request was read whole)
 */
public record Located(List<LocatedValue> values, Map<Cap, Integer> capped) {
    public Located {
        values = List.copyOf(values);
        // most exchanges are read whole: no copy (nor an entry-set iterator) for the empty map
        capped = capped.isEmpty() ? Map.of() : Map.copyOf(capped);
    }
}
