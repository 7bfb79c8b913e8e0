package io.periscope.detection.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * The candidate decoded forms of one attacker-controlled value, each a form a server or browser on the way may
 * produce and a detector must judge.
 *
 * <p>The forms, in this order and without duplicates:
 * <ol>
 *   <li>the value as given (bounded), because many payloads need no decoding and some decodings destroy them;</li>
 *   <li>percent-decoded until nothing changes (at most {@link #MAX_ROUNDS} rounds, so double and triple encoding are
 *       undone), {@code +} as space, {@code %uXXXX}, overlong UTF-8 normalised;</li>
 *   <li>that, with HTML character references and backslash-u and backslash-x escapes decoded too, again until nothing
 *       changes ({@code &#37;27} is a percent-encoded quote behind an entity).</li>
 * </ol>
 * Every form is cut at {@link #MAX_FORM_LENGTH} characters, so a detector's work per value is bounded whatever the
 * input; a value that needs no decoding (no {@code % + & \}) costs one scan and yields itself only.
 */
public final class Decoder {

    /**
     * Longest form handed to a detector. Parameter values of ordinary traffic are far shorter; a payload placed
     * behind 16 KiB of padding is cut, which the caller's own input bound does anyway.
     */
    public static final int MAX_FORM_LENGTH = 16 * 1024;
    /** Decoding rounds per stage: triple encoding is seen in the wild, deeper nesting is not decoded by servers. */
    public static final int MAX_ROUNDS = 3;

    private Decoder() {
    }

    /** The distinct decoded forms of {@code raw}, {@code raw} (bounded) first; at most three. */
    public static List<String> variants(String raw) {
        String value = bound(raw == null ? "" : raw);
        if (!PercentDecoding.mayChange(value, true) && !HtmlEntities.mayChange(value)
                && !CharacterEscapes.mayChange(value)) {
            return List.of(value);
        }
        List<String> forms = new ArrayList<>(3);
        forms.add(value);
        String percent = percentRounds(value);
        addDistinct(forms, percent);
        String full = percent;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = bound(percentRounds(CharacterEscapes.decode(HtmlEntities.decode(full))));
            if (next.equals(full)) {
                break;
            }
            full = next;
        }
        addDistinct(forms, full);
        return List.copyOf(forms);
    }

    /** {@code value} fully decoded (the last of {@link #variants}); for evidence and for detectors that want one form. */
    public static String fullyDecoded(String raw) {
        List<String> forms = variants(raw);
        return forms.get(forms.size() - 1);
    }

    private static String percentRounds(String value) {
        String current = value;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String next = PercentDecoding.decode(current, true);
            if (next.equals(current)) {
                break;
            }
            current = bound(next);
        }
        return current;
    }

    private static void addDistinct(List<String> forms, String form) {
        if (!forms.contains(form)) {
            forms.add(form);
        }
    }

    private static String bound(String value) {
        return value.length() > MAX_FORM_LENGTH ? value.substring(0, MAX_FORM_LENGTH) : value;
    }
}
