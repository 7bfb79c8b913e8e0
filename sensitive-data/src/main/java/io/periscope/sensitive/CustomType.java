package io.periscope.sensitive;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user-defined sensitive type (configuration {@code periscope.discovery.sensitive.custom[*]}).
 *
 * @param name         the type name recorded in the catalog
 * @param keyPattern   regex the field name must contain a match of (case-insensitive), or null
 * @param valueRegex   regex the whole value must match, or null
 * @param validator    extra check on the value's digits or characters
 */
public record CustomType(String name, String keyPattern, String valueRegex, Validator validator) {

    public enum Validator { NONE, LUHN, MOD97 }

    public CustomType {
        Objects.requireNonNull(name, "custom sensitive type needs a name");
        if (keyPattern == null && valueRegex == null) {
            throw new IllegalArgumentException("custom sensitive type " + name + " needs a key pattern or a value regex");
        }
        validator = validator == null ? Validator.NONE : validator;
    }

    /** Compiles the patterns; invalid regexes fail here with the type's name. */
    public Detector toDetector() {
        try {
            Pattern key = keyPattern == null ? null : Pattern.compile(keyPattern, Pattern.CASE_INSENSITIVE);
            Pattern value = valueRegex == null ? null : Pattern.compile(valueRegex);
            return new CustomDetector(name, key, value, validator);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException("custom sensitive type " + name + ": invalid regex: " + e.getDescription(), e);
        }
    }

    private record CustomDetector(String type, Pattern key, Pattern value, Validator validator) implements Detector {
        @Override
        public double confidence(FieldName name, String v) {
            if (key != null && !key.matcher(name.raw()).find()) {
                return 0;
            }
            if (value != null && !value.matcher(v).matches()) {
                return 0;
            }
            boolean valid = switch (validator) {
                case NONE -> true;
                case LUHN -> {
                    String digits = Masking.digitsOnly(v);
                    yield digits.length() >= 2 && PaymentCardDetector.luhn(digits);
                }
                case MOD97 -> v.length() >= 5 && IbanDetector.valid(v.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
            };
            return valid ? 0.9 : 0;
        }

        @Override
        public String mask(String v) {
            return Masking.keepEnds(v, 1, 2);
        }
    }
}
