package io.periscope.discovery.view;

import java.util.List;

/** One page of results: {@code total} is the number of matches before paging. */
public record Page<T>(List<T> items, int total, int offset, int limit) {
    public Page {
        items = List.copyOf(items);
    }
}
