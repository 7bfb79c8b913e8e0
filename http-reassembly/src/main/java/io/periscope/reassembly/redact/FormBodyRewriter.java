package io.periscope.reassembly.redact;

import io.periscope.events.http.Credential;
import io.periscope.reassembly.enrich.CredentialRedactor;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites an {@code application/x-www-form-urlencoded} body: each value is decoded, passed through
 * {@link ValueRedactor} under its field name (and scanned as text when unchanged and free text), and written back
 * form-encoded when it changed. Markers keep {@code [ ] : * @} literal (legal in a form value, and readable);
 * spaces become {@code +}. Untouched pairs keep their bytes. One instance per worker thread.
 */
public final class FormBodyRewriter {
    private final ValueRedactor values;
    private final TextRedactor text;

    public FormBodyRewriter(ValueRedactor values, TextRedactor text) {
        this.values = values;
        this.text = text;
    }

    public byte[] rewrite(MessageRedactions message, byte[] content) {
        // one char per byte, so the original bytes of untouched pairs are copied exactly
        String body = new String(content, StandardCharsets.ISO_8859_1);
        StringBuilder out = null;
        int start = 0;
        while (start <= body.length()) {
            int amp = body.indexOf('&', start);
            int end = amp < 0 ? body.length() : amp;
            int eq = body.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                String name = CredentialRedactor.decode(body.substring(start, eq));
                String value = CredentialRedactor.decode(body.substring(eq + 1, end));
                String r = values.value(message, Credential.Location.BODY, name, name, value);
                if (r == value && value.indexOf(' ') >= 0) {
                    r = text.redact(message, value);
                }
                if (r != value) {
                    if (out == null) {
                        out = new StringBuilder(body.length() + 32).append(body, 0, start);
                    }
                    out.append(body, start, eq + 1).append(encode(r));
                } else if (out != null) {
                    out.append(body, start, end);
                }
            } else if (out != null) {
                out.append(body, start, end);
            }
            if (amp < 0) {
                break;
            }
            if (out != null) {
                out.append('&');
            }
            start = amp + 1;
        }
        return out == null ? content : out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Form-encodes a replacement value, leaving the characters markers are made of readable. */
    static String encode(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 8);
        for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == ' ') {
                sb.append('+');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "[]:*@.-_/~!$'(),;".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
