package io.periscope.reassembly.redact;

import io.periscope.events.http.Credential;

/**
 * Scans free text (textual bodies of other media types, the unparsed rest of JSON that did not parse or was
 * truncated, long JSON string values) in one left-to-right pass without regular expressions, so the work is
 * linear in the text (bounded by the body cap). It recognises:
 * <ul>
 *   <li>{@code name=value}, {@code name: value}, {@code "name":"value"}: the value is classified with its name;
 *       a quoted value runs to its closing quote or the end of the text (a truncated body);</li>
 *   <li>PEM private key blocks, redacted from {@code -----BEGIN} to their {@code -----END ...-----} line or the end;</li>
 *   <li>every other word by its shape (JWT, AWS keys, password hashes) and by the sensitive detectors, with digit
 *       groups separated by single spaces or dashes tried as one value (card numbers as people write them).</li>
 * </ul>
 * Words are split at white space and {@code " ' < > ( ) { } [ ] , ; & = :}; other punctuation stays in the word.
 */
public final class TextRedactor {
    private static final String DELIMITERS = " \t\r\n\"'<>(){}[],;&=:\\";
    /** {@link #DELIMITERS} as a table by character: every character of a text is tested, most are not one. */
    private static final boolean[] DELIMITER = new boolean[128];

    static {
        for (int i = 0; i < DELIMITERS.length(); i++) {
            DELIMITER[DELIMITERS.charAt(i)] = true;
        }
    }
    private static final String PEM_BEGIN = "-----BEGIN ";
    /** Longest grouped value tried as one: a 34-character IBAN in groups of four with their spaces. */
    private static final int MAX_RUN = 42;
    /** Most groups tried: an IBAN has at most nine. */
    private static final int MAX_GROUPS = 10;

    /** Unnamed words shorter than this are never judged: the shortest shape or sensitive value has five characters. */
    private static final int MIN_UNNAMED_WORD = 5;

    private final ValueRedactor values;
    /** Ends of the groups of the run {@link #groupedRun} is trying; reused, as the instance is a worker's. */
    private final int[] ends = new int[MAX_GROUPS];
    /** The replacement of the grouped run {@link #groupedRun} matched last. */
    private String lastRun;

    /** One instance per worker thread (it keeps the last grouped run's replacement). */
    public TextRedactor(ValueRedactor values) {
        this.values = values;
    }

    /** The text with credentials redacted and sensitive values masked; the same instance when nothing changed. */
    public String redact(MessageRedactions message, String text) {
        return redact(message, text, null);
    }

    /**
     * As {@link #redact(MessageRedactions, String)}, where {@code pendingName} names the first value of the text (the
     * rest of a truncated JSON document whose last complete token was that field's name).
     */
    public String redact(MessageRedactions message, String text, String pendingName) {
        if (pendingName == null && !values.masksCustomTypes() && InertValues.text(text)) {
            return text; // most prose in JSON strings: one pass over the characters instead of judging every word
        }
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        String name = pendingName;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '-' && text.startsWith(PEM_BEGIN, i)) {
                int end = pemEnd(text, i);
                if (end > 0) {
                    String r = values.credential(message, Credential.Location.BODY, name, "PrivateKey", text.substring(i, end));
                    out = append(out, text, copied, i, r);
                    copied = end;
                    i = end;
                    name = null;
                    continue;
                }
            }
            if (isDelimiter(c)) {
                if ((c == '"' || c == '\'') && name != null) {
                    int close = closingQuote(text, i + 1, c);
                    String value = text.substring(i + 1, close);
                    String r = values.value(message, Credential.Location.BODY, name, name, value);
                    if (r != value) {
                        out = append(out, text, copied, i + 1, r);
                        copied = close;
                    }
                    name = null;
                    i = Math.min(n, close + 1);
                    continue;
                }
                if (!Character.isWhitespace(c)) {
                    name = null; // a structure opens or a list goes on: the name was not this value's
                }
                i++;
                continue;
            }
            int end = wordEnd(text, i);
            int sep = nameSeparator(text, end);
            if (sep > 0) {
                name = text.substring(i, end);
                i = sep;
                continue;
            }
            int trimmed = end;
            while (trimmed > i + 1 && ".!?".indexOf(text.charAt(trimmed - 1)) >= 0) {
                trimmed--; // the full stop after an address ends the sentence, not the address
            }
            end = trimmed;
            int runEnd = groupedRun(message, text, i, end, name);
            if (runEnd >= 0) {
                out = append(out, text, copied, i, lastRun);
                copied = runEnd;
                end = runEnd;
            } else if (name != null || end - i >= MIN_UNNAMED_WORD
                    && (values.masksCustomTypes() || !InertValues.word(text, i, end))) {
                String word = text.substring(i, end);
                String r = values.value(message, Credential.Location.BODY, name, name, word);
                if (r != word) {
                    out = append(out, text, copied, i, r);
                    copied = end;
                }
            }
            name = null;
            i = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static StringBuilder append(StringBuilder out, String text, int copied, int at, String replacement) {
        StringBuilder sb = out == null ? new StringBuilder(text.length() + 32) : out;
        return sb.append(text, copied, at).append(replacement);
    }

    static boolean isDelimiter(char c) {
        return c < 128 && DELIMITER[c];
    }

    private static int wordEnd(String text, int from) {
        int j = from;
        while (j < text.length() && !isDelimiter(text.charAt(j))) {
            j++;
        }
        return j;
    }

    /**
     * When the word ending at {@code end} is a name, the index after its separator: followed, after optional
     * quotes and blanks, by {@code =} or {@code :} but not {@code ==} (a comparison); else -1.
     */
    private static int nameSeparator(String text, int end) {
        int j = end;
        while (j < text.length() && (text.charAt(j) == '"' || text.charAt(j) == '\'' || text.charAt(j) == ' ')) {
            j++;
        }
        if (j >= text.length() || (text.charAt(j) != '=' && text.charAt(j) != ':')) {
            return -1;
        }
        return j + 1 < text.length() && text.charAt(j + 1) == '=' ? -1 : j + 1;
    }

    /**
     * Tries a value written in groups (card numbers {@code 4111 1111 1111 1111}, IBANs {@code DE89 3704 0044 ...},
     * phone numbers {@code +1 415 555 2671}): groups of letters and digits separated by single spaces or dashes,
     * starting with digits, {@code +} and digits, or an IBAN country and check digits. The longest run that a
     * detector matches wins (a year after a card number does not hide the card). Returns the run's end, with its
     * replacement in {@link #lastRun}, or -1.
     */
    private int groupedRun(MessageRedactions message, String text, int from, int wordEnd, String name) {
        if (!runStart(text, from, wordEnd) || wordEnd >= text.length() || text.charAt(wordEnd) != ' ') {
            return -1;
        }
        int count = 0;
        int j = from;
        while (count < MAX_GROUPS) {
            int g = j;
            if (g < text.length() && text.charAt(g) == '+' && g == from) {
                g++;
            }
            int groupStart = g;
            while (g < text.length() && Character.isLetterOrDigit(text.charAt(g)) && text.charAt(g) < 128) {
                g++;
            }
            if (g == groupStart || g - from > MAX_RUN) {
                break;
            }
            ends[count++] = g;
            if (g + 1 < text.length() && (text.charAt(g) == ' ' || text.charAt(g) == '-')
                    && Character.isLetterOrDigit(text.charAt(g + 1))) {
                j = g + 1;
            } else {
                break;
            }
        }
        for (int k = count - 1; k >= 1; k--) {
            if (ends[k] <= wordEnd) {
                break;
            }
            String run = text.substring(from, ends[k]);
            String r = values.value(message, Credential.Location.BODY, name, name, run);
            if (r != run) {
                lastRun = r;
                return ends[k];
            }
        }
        return -1;
    }

    private static boolean runStart(String text, int from, int wordEnd) {
        char c = text.charAt(from);
        if (c >= '0' && c <= '9') {
            return true;
        }
        if (c == '+') {
            return from + 1 < wordEnd && Character.isDigit(text.charAt(from + 1));
        }
        return wordEnd - from == 4 && Character.isUpperCase(c) && Character.isUpperCase(text.charAt(from + 1))
                && Character.isDigit(text.charAt(from + 2)) && Character.isDigit(text.charAt(from + 3));
    }

    /** The index of the quote closing a value that starts at {@code from}, honouring backslash escapes; else the end. */
    private static int closingQuote(String text, int from, char quote) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote) {
                return j;
            }
        }
        return text.length();
    }

    /**
     * The end of a PEM private key block starting at {@code begin}: its {@code -----END ...-----} line, or the end
     * of the text when that was cut; -1 when the block is not a private key.
     */
    private static int pemEnd(String text, int begin) {
        int label = text.indexOf("-----", begin + PEM_BEGIN.length());
        if (label < 0) {
            // cut inside the BEGIN line: what is left may still be the key's start
            return text.indexOf("PRIVATE", begin) > 0 ? text.length() : -1;
        }
        if (label - begin > 60 || !text.startsWith("PRIVATE KEY", label - "PRIVATE KEY".length())) {
            return -1;
        }
        int end = text.indexOf("-----END ", label + 5);
        if (end < 0) {
            return text.length();
        }
        int close = text.indexOf("-----", end + 9);
        return close < 0 ? text.length() : close + 5;
    }
}
