package io.periscope.events.http;

import java.util.ArrayList;
import java.util.List;

/** Case-insensitive look-up over an ordered header list. */
final class Headers {
    private Headers() {
    }

    static List<String> values(List<Header> headers, String name) {
        List<String> out = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                out.add(h.value());
            }
        }
        return out;
    }
}
