package io.periscope.detection.signature.locate;

import io.periscope.detection.signature.LocationKind;

/**
 * An {@code application/x-www-form-urlencoded} body: {@code name=value} pairs split on {@code &}. Names and values are
 * handed on as sent (percent-encoded): the engine decodes every value the ways an attacker may have encoded it. A
 * field's name is located too ({@code password[$ne]} is the attack, not its value).
 */
final class FormFields {
    private FormFields() {
    }

    static void read(String body, Collector out) {
        int i = 0;
        int n = body.length();
        while (i < n && !out.full()) {
            int amp = body.indexOf('&', i);
            int end = amp < 0 ? n : amp;
            int eq = body.indexOf('=', i);
            if (eq < 0 || eq > end) {
                eq = end;
            }
            String name = body.substring(i, eq);
            String value = eq < end ? body.substring(eq + 1, end) : "";
            if (!name.isEmpty()) {
                if (name.indexOf('[') >= 0 || name.indexOf('%') >= 0 || name.indexOf('$') >= 0) {
                    // only names with structure can carry an operator or a payload; plain names are the API's own
                    out.add(LocationKind.FORM_FIELD, name, name);
                }
                out.add(LocationKind.FORM_FIELD, name, value);
            }
            i = end + 1;
        }
    }
}
