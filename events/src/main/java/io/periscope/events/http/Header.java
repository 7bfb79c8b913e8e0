package io.periscope.events.http;

/**
 * One header field as it appeared on the wire. Repeated fields stay separate entries, in order:
 * no folding, no last-value-wins. Names keep their original case; compare them case-insensitively.
 */
public record Header(String name, String value) {
}
