package io.periscope.events.http.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The frozen Avro schema of {@link io.periscope.events.http.HttpExchange} on {@code periscope.exchanges}: the file
 * {@value #RESOURCE} in the events jar, the id records carry in their {@code periscope.schema.id} header, and its
 * Avro fingerprint. A change of the record is a new schema file under a new id, never an edit of this one: readers
 * skip an id they do not know ({@code unsupported_schema}) instead of misreading it, and {@code ExchangeAvroSchemaTest}
 * fails when the file and {@link #FINGERPRINT} disagree.
 */
public final class ExchangeAvroSchema {
    /** The schema's id: written as 4 bytes, big-endian, in the record header {@code periscope.schema.id}. */
    public static final int ID = 1;
    /** The schema file on the class path (and in the source tree under events/src/main/resources). */
    public static final String RESOURCE = "/io/periscope/events/http/HttpExchange.avsc";
    /**
     * Avro's 64-bit Rabin fingerprint (CRC-64-AVRO) of the schema's Parsing Canonical Form, what
     * {@code SchemaNormalization.parsingFingerprint64} computes and what Avro's single-object encoding carries: a
     * reader holding several schemas can check it has this one.
     */
    public static final long FINGERPRINT = -2690438753564294816L;

    private ExchangeAvroSchema() {
    }

    /** The schema file's text (JSON), for a consumer that reads records generically or registers the schema. */
    public static String text() {
        try (InputStream in = ExchangeAvroSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
