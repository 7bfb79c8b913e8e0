package io.periscope.reassembly.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.periscope.events.http.Credential;
import io.periscope.sensitive.CredentialShape;
import io.periscope.sensitive.CustomType;
import io.periscope.sensitive.DateOfBirthDetector;
import io.periscope.sensitive.Detector;
import io.periscope.sensitive.EmailDetector;
import io.periscope.sensitive.FieldName;
import io.periscope.sensitive.IbanDetector;
import io.periscope.sensitive.PaymentCardDetector;
import io.periscope.sensitive.PhoneDetector;
import io.periscope.sensitive.SsnDetector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast paths ({@link InertValues}, the detectors' value gates) publish exactly what the full path publishes.
 * The full path is the same redaction with one user-defined sensitive type that never matches: a custom type may
 * match any value, so with one configured no character test applies and every value and word is judged in full.
 */
class InertValuesTest {
    private static final String CARD = "4111 1111 1111 1111";
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
    /** Pieces of values: every sensitive type and credential shape, their near misses, prose, separators. */
    private static final String[] ATOMS = {CARD, "4111111111111111", "4111-1111-1111-1111", "123-45-6789", "123456789",
            "DE89 3704 0044 0532 0130 00", "ada@example.org", "a@b", "+1 415 555 2671", "(415) 555-2671", "1990-04-01",
            "04/01/1990", "2025-03-14T10:00:00Z", JWT, "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "$2b$10$abcdefghijklmnopqrstuv", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
            "password=hunter2", "token: s3cr3t", "api_key=abc", "Bearer abcdefghijklmnopqrstuvwxyz", "hello", "widget",
            "A dependable widget for everyday use", "batch", "9f3a2b1c0d4e5f60", "ord_1a2b3c4d5e6f", "SKU-12345",
            "12345", "123.45", "-----", "----", "x", "", "ünïcödé", "\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
            "abcdefghijklmnopqrs", "abcdefghijklmnopqrst", "$2b$x$abcdefgh,ijklmnopq", "$2b$x$abcdefgh,ij", "$12.99", "DE89", "3704", "\"", "\\", "'", "=", ":", "@", ",", ";"};
    private static final String[] SEPARATORS = {" ", "  ", "-", ",", ". ", ":", "=", "\n", "\t", "", "/", "'", "\""};
    private static final String[] NAMES = {"id", "name", "email", "phone", "card", "cardNumber", "ssn", "iban", "dob",
            "birthDate", "password", "access_token", "token", "note", "description", "items", "user", "msisdn",
            "api_key", "secretary", "amount", "created", "a/b", "ti~lde", "ключ", "username", ""};

    private final Redaction fast = new Redaction();
    private final Redaction full = new Redaction(b -> b.customSensitiveTypes(
            List.of(new CustomType("never", null, "[^\\s\\S]", CustomType.Validator.NONE))));

    @Property(tries = 400)
    void aJsonBodyIsPublishedAsTheFullPathPublishesIt(@ForAll long seed) {
        Random r = new Random(seed);
        String doc = value(r, 0);
        assertSamePublication("application/json", doc);
        assertSamePublication("application/json", doc.substring(0, r.nextInt(doc.length() + 1))); // cut anywhere
    }

    /**
     * Documents the byte pass reads through (no escapes in names, white space between tokens, non-ASCII text), then
     * cut, or with one byte replaced by one that breaks the grammar, the encoding or a number: the byte pass and the
     * parser's pass publish the same bytes and record the same credentials whether the byte pass reads on or stops.
     */
    @Property(tries = 600)
    void aJsonBodyTheBytePassReadsOrStopsOnIsPublishedAsTheFullPathPublishesIt(@ForAll long seed) {
        Random r = new Random(seed);
        byte[] doc = spaced(r, value(r, 0)).getBytes(StandardCharsets.UTF_8);
        assertSamePublication("application/json", doc);
        assertSamePublication("application/json", Arrays.copyOf(doc, r.nextInt(doc.length + 1)));
        byte[] broken = doc.clone();
        if (broken.length > 0) {
            broken[r.nextInt(broken.length)] = HOSTILE_BYTES[r.nextInt(HOSTILE_BYTES.length)];
            assertSamePublication("application/json", broken);
        }
    }

    @Test
    void theBytePassReadsTypicalBodiesToTheEndOrToTheirFirstChange() {
        JsonBytesJudge judge = new JsonBytesJudge(fast.values, new TextRedactor(fast.values), 1000);
        String products = "{\"items\": [{\"id\": 4711, \"name\": \"Widget 3nj\", \"price\": {\"amount\": 12.5,"
                + " \"currency\": \"EUR\"}, \"tags\": [\"hardware\", \"tools\"], \"description\": \"A dependable"
                + " widget, batch 9f3a2b1c0d4e5f60.\", \"ok\": true, \"gone\": null, \"note\": \"für Ünïcödé\"}]}";
        assertThat(judge.judge(Redaction.response(), products.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(JsonBytesJudge.Outcome.UNCHANGED);
        String user = "{\"id\":7,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\",\"phone\":\"+1 415 555 2671\"}";
        assertThat(judge.judge(Redaction.response(), user.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(JsonBytesJudge.Outcome.CHANGED);
        assertThat(judge.tokens()).isEqualTo(6); // {, id, 7, name, "Ada Lovelace", email
        assertThat(judge.change()).startsWith("[masked:email:");
        assertSamePublication("application/json", products.getBytes(StandardCharsets.UTF_8));
        assertSamePublication("application/json", user.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordHashWhoseWordsAreEachTooShortForAShapeIsStillRedacted() {
        // a comma (a delimiter of free text) splits the hash part: no word is long enough for a shape, the value is
        String out = assertSamePublication("application/json", "{\"note\":\"$2b$x$abcdefgh,ijklmnopq\",\"price\":\"$12.99\"}");
        assertThat(out).doesNotContain("abcdefgh,ijklmnopq").contains("[redacted:PasswordHash:").contains("$12.99");
    }

    @Test
    void theBytePassStopsWhereTheParserWouldRefuseOrItCannotProve() {
        JsonBytesJudge judge = new JsonBytesJudge(fast.values, new TextRedactor(fast.values), 1000);
        for (String doc : List.of("{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":tru}",
                "{\"a\":truex}", "{\"a\":\"x\" \"b\":1}", "{\"a\":1,}", "[1,]", "{\"a\":1}{}", "{\"a\":1} x",
                "{\"a\\u0062\":1}", "{\"a\":\"\\q\"}", "{\"a\":\"\u0001\"}", "{\"a\":[1,2}", "{'a':1}", "\uFEFF{}",
                "{\"a\":\"x", "{\"a\":12", "")) {
            byte[] b = doc.getBytes(StandardCharsets.UTF_8);
            assertThat(judge.judge(Redaction.request(), b)).as(doc).isEqualTo(JsonBytesJudge.Outcome.STOPPED);
            assertSamePublication("application/json", b);
        }
        for (byte[] bad : List.of(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, '"'}, new byte[] {'[', '"', (byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"', ']'},
                new byte[] {'[', '"', (byte) 0xC3, '"', ']'})) {
            assertThat(judge.judge(Redaction.request(), bad)).isEqualTo(JsonBytesJudge.Outcome.STOPPED);
            assertSamePublication("application/json", bad);
        }
        for (byte[] zeros : List.of(new byte[] {'{', 0}, new byte[] {'[', 0, 0, 0, '4', 0, 0, 0}, new byte[] {0, '{', 0, '}'})) {
            assertSamePublication("application/json", zeros); // read as UTF-16 or UTF-32 by the parser: no byte offset
        }
        String deep = "[".repeat(JsonBytesJudge.MAX_DEPTH + 1) + "\"" + CARD + "\"" + "]".repeat(JsonBytesJudge.MAX_DEPTH + 1);
        assertThat(judge.judge(Redaction.request(), deep.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(JsonBytesJudge.Outcome.STOPPED);
        assertThat(assertSamePublication("application/json", deep.getBytes(StandardCharsets.UTF_8))).doesNotContain(CARD);
    }

    @Property(tries = 300)
    void aTextBodyIsPublishedAsTheFullPathPublishesIt(@ForAll long seed) {
        assertSamePublication("text/plain", text(new Random(seed), 12));
    }

    @Property(tries = 2000)
    void aValueTheGateCallsInertIsNoShapeAndNoSensitiveTypeUnderAnyName(@ForAll("values") String value) {
        if (!InertValues.value(value.toCharArray(), 0, value.length())) {
            return;
        }
        assertThat(CredentialShape.of(ValueRedactor.secretOf(value))).isNull();
        List<Detector> detectors = List.of(new PaymentCardDetector(), new SsnDetector(), new IbanDetector(),
                new EmailDetector(), new PhoneDetector("US"), new DateOfBirthDetector());
        for (String name : NAMES) {
            for (Detector d : detectors) {
                assertThat(d.confidence(FieldName.of(name), value)).as("%s on %s", d.type(), value)
                        .isLessThan(Detector.REPORT_THRESHOLD);
            }
        }
    }

    @Test
    void nestingBeyondTheParsersBoundStillLosesItsCard() {
        String deep = "[".repeat(5_000) + "{\"note\":\"" + CARD + "\"}" + "]".repeat(5_000);
        String out = assertSamePublication("application/json", deep);
        assertThat(out).doesNotContain(CARD).contains("[masked:payment_card:");
    }

    @Test
    void hugeNumbersAreJudgedByTheirDigitsNotParsed() {
        String out = assertSamePublication("application/json", "{\"big\":1" + "0".repeat(10_000) + ",\"e\":1e999999,"
                + "\"card\":4111111111111111,\"small\":-12345.5e-3,\"ssn\":123456789}");
        assertThat(out).doesNotContain("4111111111111111").doesNotContain("123456789,").contains("\"e\":1e999999")
                .contains("\"small\":-12345.5e-3");
    }

    @Test
    void aSensitiveValueAfterALongInertTextIsStillMasked() {
        String prose = "A dependable widget for everyday use, batch ".repeat(1_000); // 44 KB: under the published cap
        String out = assertSamePublication("application/json", "{\"description\":\"" + prose + "write to ada@example.org\"}");
        assertThat(out).doesNotContain("ada@example.org").contains("[masked:email:");
        assertSamePublication("text/plain", prose + " call +1 415 555 2671");
    }

    @Test
    void escapedCharactersAreJudgedAsTheCharactersTheyStandFor() {
        String out = assertSamePublication("application/json", "{\"note\":\"\\u0034111 1111 1111 1111\","
                + "\"contact\":\"ada\\u0040example.org\",\"n\":\"pass\\u003dhunter2\",\"k\":\"\\u002d----BEGIN PRIVATE KEY-----x\"}");
        assertThat(out).doesNotContain("1111 1111").doesNotContain("ada@").doesNotContain("\\u0040")
                .doesNotContain("hunter2").doesNotContain("PRIVATE KEY-----x");
    }

    @Test
    void shortValuesWithoutDigitsAtOrSeparatorsAreInertAndOthersAreNot() {
        assertThat(shortString("Ada Lovelace")).isTrue();
        assertThat(shortString("12345")).isTrue();
        assertThat(shortString("123456")).isFalse();
        assertThat(shortString("a@b")).isFalse();
        assertThat(shortString("pin=1")).isFalse();
        assertThat(shortString("x: y")).isFalse();
        assertThat(shortString("-----BEGIN")).isFalse();
        assertThat(shortString("abcdefghijklmnopqrst")).isFalse(); // long enough for a shape
        assertThat(InertValues.text("A dependable widget for everyday use.")).isTrue();
        assertThat(InertValues.text("A dependable widget, batch 9f3a2b1c0d4e5f60.")).isFalse();
        assertThat(InertValues.text("an unbroken run of twenty characters: abcdefghijklmnopqrst")).isFalse();
    }

    private static boolean shortString(String s) {
        return InertValues.shortString(s.toCharArray(), 0, s.length());
    }

    /** Both paths publish the same body and record the same credentials; returns the published body. */
    private String assertSamePublication(String contentType, String content) {
        return assertSamePublication(contentType, content.getBytes(StandardCharsets.UTF_8));
    }

    private String assertSamePublication(String contentType, byte[] content) {
        MessageRedactions a = Redaction.request();
        MessageRedactions b = Redaction.request();
        byte[] quick = fast.bodyOf(a, contentType, content).content();
        byte[] slow = full.bodyOf(b, contentType, content).content();
        assertThat(quick).isEqualTo(slow);
        assertThat(a.credentials()).extracting(Credential::name, Credential::scheme, Credential::fingerprint)
                .isEqualTo(b.credentials().stream().map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.scheme(),
                        c.fingerprint())).toList());
        return new String(quick, StandardCharsets.UTF_8);
    }

    private static String value(Random r, int depth) {
        int pick = r.nextInt(depth > 5 ? 6 : 10);
        return switch (pick) {
            case 0, 1, 2 -> quoted(text(r, 4));
            case 3 -> number(r);
            case 4 -> r.nextBoolean() ? "true" : "null";
            case 5 -> quoted(ATOMS[r.nextInt(ATOMS.length)]);
            case 6, 7 -> {
                StringBuilder o = new StringBuilder("{");
                for (int i = r.nextInt(5); i > 0; i--) {
                    o.append(quoted(NAMES[r.nextInt(NAMES.length)])).append(':').append(value(r, depth + 1))
                            .append(i > 1 ? "," : "");
                }
                yield o.append('}').toString();
            }
            default -> {
                StringBuilder a = new StringBuilder("[");
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.append(value(r, depth + 1)).append(i > 1 ? "," : "");
                }
                yield a.append(']').toString();
            }
        };
    }

    /** Bytes that break a document: its grammar, its encoding, a number, a string. */
    private static final byte[] HOSTILE_BYTES = {'"', '\\', 0, 0x1f, (byte) 0xC3, (byte) 0xFF, (byte) 0x80, '0', ',', ':', '}',
            ']', '{', '[', '-', 'e', '.', 'u', ' ', 'n', '/'};

    /** The document with white space of every kind inserted between some of its tokens (outside its strings). */
    private static String spaced(Random r, String doc) {
        StringBuilder out = new StringBuilder(doc.length() + 16);
        boolean inString = false;
        for (int i = 0; i < doc.length(); i++) {
            char c = doc.charAt(i);
            out.append(c);
            if (c == '\\' && inString) {
                out.append(doc.charAt(++i));
                continue;
            }
            if (c == '"') {
                inString = !inString;
            }
            if (!inString && (c == ',' || c == ':' || c == '{' || c == '[' || c == '"') && r.nextInt(3) == 0) {
                out.append(" \t\r\n".charAt(r.nextInt(4)));
            }
        }
        return out.toString();
    }

    private static String number(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> Integer.toString(r.nextInt(100_000));
            case 1 -> Long.toString(r.nextLong());
            case 2 -> (r.nextInt(99_999) / 100.0) + "";
            case 3 -> "4111111111111111";
            case 4 -> "1" + "0".repeat(r.nextInt(400)) + (r.nextBoolean() ? "e" + r.nextInt(999) : "");
            default -> "-" + r.nextInt(1_000_000) + "." + r.nextInt(1000) + "E-" + r.nextInt(20);
        };
    }

    private static String text(Random r, int atoms) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(atoms + 1); i > 0; i--) {
            s.append(ATOMS[r.nextInt(ATOMS.length)]).append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
            if (r.nextInt(8) == 0) {
                s.append(Integer.toString(r.nextInt(1_000_000), r.nextBoolean() ? 10 : 16));
            }
        }
        return s.toString();
    }

    /** A JSON string literal; some characters written as escapes, as clients do. */
    private static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                q.append('\\').append(c);
            } else if (c < 0x20 || (c >= '0' && c <= '9' || c == '@' || c == '=') && (i * 31 + c) % 7 == 0) {
                q.append(String.format("\\u%04x", (int) c));
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> random = Arbitraries.strings().withChars("0123456789 -+.()/@:=TDEGBaezx$\u0663").ofMaxLength(30);
        Arbitrary<String> atoms = Arbitraries.of(ATOMS);
        return Arbitraries.oneOf(random, atoms);
    }
}
