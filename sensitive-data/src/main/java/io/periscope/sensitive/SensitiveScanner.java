package io.periscope.sensitive;

import io.periscope.events.catalog.ParameterLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every detector over the fields of one message and layers message-level evidence:
 * <ul>
 *   <li>a card expiry is reported only when the same message holds a valid card number;</li>
 *   <li>a 40-character secret-key-shaped value is reported when the same message holds an AWS access key id.</li>
 * </ul>
 * Thread-safe; each message gets its own {@link MessageScan}.
 */
public final class SensitiveScanner {
    /** Values longer than this are not scanned (a PEM key of 4096 bits fits). */
    public static final int MAX_VALUE_LENGTH = 8192;
    /**
     * Hits taken from one reported count ({@link MessageScan#reported}): a 1 MiB body holds at most ~100,000 values,
     * and a hostile count must not make a reader allocate without bound.
     */
    static final long MAX_REPORTED_COUNT = 100_000;

    private final Detector[] detectors;

    public SensitiveScanner(List<Detector> detectors) {
        this.detectors = detectors.toArray(new Detector[0]);
    }

    /** The built-in detectors plus the given custom types. */
    public static SensitiveScanner withDefaults(String phoneRegion, List<CustomType> custom) {
        List<Detector> list = new ArrayList<>(List.of(
                new PrivateKeyDetector(), new JwtDetector(), new AwsAccessKeyDetector(), new AwsSecretKeyDetector(),
                new EmailDetector(), new PaymentCardDetector(), new CardExpiryDetector(), new SsnDetector(),
                new IbanDetector(), new PhoneDetector(phoneRegion), new IpAddressDetector(),
                new DateOfBirthDetector(), new PasswordHashDetector(), SecretByNameDetector.passwords(),
                SecretByNameDetector.secrets()));
        for (CustomType c : custom) {
            list.add(c.toDetector());
        }
        return new SensitiveScanner(list);
    }

    /** The catalog type of a redacted credential's scheme, or null for schemes that are no sensitive hit. */
    static String credentialType(String scheme) {
        return switch (scheme) {
            case "Cookie" -> null;
            case "Password" -> "password";
            case "Jwt", "Bearer" -> "jwt";
            case "AwsAccessKey" -> AwsAccessKeyDetector.TYPE;
            case "AwsSecretKey" -> AwsSecretKeyDetector.TYPE;
            case "PrivateKey" -> "private_key";
            case "PasswordHash" -> PasswordHashDetector.TYPE;
            default -> "secret";
        };
    }

    public MessageScan begin() {
        return new MessageScan();
    }

    /** Scan of one message: feed fields, then {@link #finish()}. */
    public final class MessageScan {
        private final List<SensitiveHit> hits = new ArrayList<>(4);
        private List<SensitiveHit> pendingExpiries;
        private List<SensitiveHit> pendingSecrets;
        private boolean sawCard;
        private boolean sawAccessKey;

        /**
         * Scans one field value; returns the highest-confidence reported hit for it, or null. A value
         * gets at most one type: the most confident one (an e-mail address is not also a secret).
         */
        public SensitiveHit field(ParameterLocation location, String name, String value) {
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                return null;
            }
            Markers.Marker marker = Markers.parse(value);
            if (marker != null) {
                return marker(location, name, marker);
            }
            return judge(location, name, FieldName.of(name), value);
        }

        /**
         * As {@link #field(ParameterLocation, String, String)}, with the name already parsed: a caller that judges
         * many values of one JSON path (the records of an array) parses the path once.
         */
        public SensitiveHit field(ParameterLocation location, FieldName name, String value) {
            if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
                return null;
            }
            Markers.Marker marker = Markers.parse(value);
            if (marker != null) {
                return marker(location, name.raw(), marker);
            }
            return judge(location, name.raw(), name, value);
        }

        private SensitiveHit judge(ParameterLocation location, String name, FieldName fn, String value) {
            Detector best = null;
            double bestConfidence = 0;
            boolean secretShape = false;
            for (Detector d : detectors) {
                double c = d.confidence(fn, value);
                if (c <= 0) {
                    continue;
                }
                if (d instanceof CardExpiryDetector) {
                    pending(true).add(new SensitiveHit(d.type(), location, name, c, d.mask(value)));
                    return null;
                }
                if (d instanceof AwsSecretKeyDetector && c < Detector.REPORT_THRESHOLD) {
                    secretShape = true;
                    continue;
                }
                if (c > bestConfidence) {
                    best = d;
                    bestConfidence = c;
                }
            }
            if (best == null || bestConfidence < Detector.REPORT_THRESHOLD) {
                if (secretShape) {
                    pending(false).add(new SensitiveHit(AwsSecretKeyDetector.TYPE, location, name, 0.8, Masking.redacted(value)));
                }
                return null;
            }
            SensitiveHit hit = new SensitiveHit(best.type(), location, name, bestConfidence, best.mask(value));
            sawCard |= best instanceof PaymentCardDetector;
            sawAccessKey |= best instanceof AwsAccessKeyDetector;
            hits.add(hit);
            return hit;
        }

        /**
         * A value the sensor already replaced: a masked value is a hit of its type with the masked form as its
         * example; a redacted credential is a hit of the credential's type shown as {@code [redacted]} (its
         * fingerprint belongs to detection, not to the catalog). Cookies are redacted wholesale by policy, not
         * because each is a secret, so they are no hit.
         */
        private SensitiveHit marker(ParameterLocation location, String name, Markers.Marker marker) {
            String type = marker.kind() == Markers.Kind.MASKED ? marker.type() : credentialType(marker.type());
            if (type == null) {
                return null;
            }
            String example = marker.kind() == Markers.Kind.MASKED ? marker.detail() : "[redacted]";
            SensitiveHit hit = new SensitiveHit(type, location, name, 0.99, example);
            sawCard |= type.equals("payment_card");
            sawAccessKey |= type.equals(AwsAccessKeyDetector.TYPE);
            hits.add(hit);
            return hit;
        }

        /**
         * Sensitive values the sensor found where this reader cannot look (past a body's published content,
         * {@code BodyScan.beyondContent}): {@code count} hits of {@code type} at {@code field}, with the sensor's
         * masked example. Counted as the values would have been, had they been read here.
         */
        public void reported(ParameterLocation location, String field, String type, long count, double confidence,
                             String example) {
            SensitiveHit hit = new SensitiveHit(type, location, field, confidence, example);
            sawCard |= type.equals("payment_card");
            sawAccessKey |= type.equals(AwsAccessKeyDetector.TYPE);
            long n = Math.min(count, MAX_REPORTED_COUNT);
            for (long i = 0; i < n; i++) {
                hits.add(hit);
            }
        }

        private List<SensitiveHit> pending(boolean expiry) {
            if (expiry) {
                if (pendingExpiries == null) {
                    pendingExpiries = new ArrayList<>(1);
                }
                return pendingExpiries;
            }
            if (pendingSecrets == null) {
                pendingSecrets = new ArrayList<>(1);
            }
            return pendingSecrets;
        }

        /** All hits of the message, including those that needed message-level evidence. */
        public List<SensitiveHit> finish() {
            if (sawCard && pendingExpiries != null) {
                hits.addAll(pendingExpiries);
            }
            if (sawAccessKey && pendingSecrets != null) {
                hits.addAll(pendingSecrets);
            }
            return hits;
        }
    }
}
